package io.wsstack.autoconfigure.actuate;

import io.wsstack.autoconfigure.actuate.WsEndpointsDescriptor.Deflate;
import io.wsstack.autoconfigure.actuate.WsEndpointsDescriptor.EndpointDescriptor;
import io.wsstack.autoconfigure.actuate.WsEndpointsDescriptor.Limits;
import io.wsstack.autoconfigure.actuate.WsEndpointsDescriptor.Timeouts;
import io.wsstack.autoconfigure.actuate.WsSessionTracker.Activity;
import io.wsstack.autoconfigure.metrics.TestEndpointRegistries;
import io.wsstack.core.deflate.DeflateMode;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.transport.TransportDispatch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WsActuatorEndpointTests {

    private final WsEndpointRegistry registry = TestEndpointRegistries.chatAndRooms();
    private final WsSessionTracker tracker = new WsSessionTracker(List.of("chat", "rooms"));
    private final WsActuatorEndpoint endpoint = new WsActuatorEndpoint(registry, tracker, null);

    @Test
    @DisplayName("lists every endpoint in declaration order with its effective settings")
    void listsEffectiveSettings() {
        List<EndpointDescriptor> endpoints = endpoint.endpoints().endpoints();

        assertThat(endpoints).extracting(EndpointDescriptor::name).containsExactly("chat", "rooms");
        EndpointDescriptor chat = endpoints.get(0);
        assertThat(chat.path()).isEqualTo("/chat");
        assertThat(chat.subprotocols()).containsExactly("v2.chat", "v1.chat");
        assertThat(chat.allowedOrigins()).containsExactly("https://app.example");
        assertThat(chat.limits()).isEqualTo(new Limits(65_536, 1_048_576, 128, 524_288, "CLOSE"));
        assertThat(chat.timeouts()).isEqualTo(new Timeouts("PT5M", "PT30S", "PT10S", "PT5S"));
        EndpointDescriptor rooms = endpoints.get(1);
        assertThat(rooms.path()).isEqualTo("/rooms/{room}");
        assertThat(rooms.allowedOrigins()).containsExactly("*");
        assertThat(rooms.limits().overflowPolicy()).isEqualTo("DROP_NEWEST");
        assertThat(rooms.timeouts().idleTimeout()).isEqualTo("PT0S");
    }

    @Test
    @DisplayName("reports where each endpoint's handlers run on every transport in use, and nothing without a transport")
    void handlerDispatchPerTransport() {
        assertThat(endpoint.endpoints().endpoints()).extracting(EndpointDescriptor::handlerDispatch).containsOnly(Map.of());

        endpoint.setTransports(List.of(
                TransportDispatch.containerThreads("servlet-upgrade"),
                new Loop("tomcat-socket", true, Set.of("rooms")),
                new Loop("reactor-netty", false, Set.of())));

        List<EndpointDescriptor> endpoints = endpoint.endpoints().endpoints();
        assertThat(endpoints.get(0).handlerDispatch()).containsExactly(
                Map.entry("servlet-upgrade", "container"), Map.entry("tomcat-socket", "worker"));
        assertThat(endpoints.get(1).handlerDispatch()).containsExactly(
                Map.entry("servlet-upgrade", "container"), Map.entry("tomcat-socket", "event-loop"));
    }

    /** A transport with an event loop of ours, in use or not, whose event-loop endpoints are {@code onLoop}. */
    private record Loop(String transport, boolean inUse, Set<String> onLoop) implements TransportDispatch {
        @Override
        public String dispatch(String endpoint) {
            return onLoop.contains(endpoint) ? EVENT_LOOP : WORKER;
        }
    }

    @Test
    @DisplayName("reports no sessions before any traffic")
    void noSessionsAtStart() {
        assertThat(endpoint.endpoints().endpoints()).extracting(EndpointDescriptor::sessions)
                .containsOnly(Activity.NONE);
    }

    @Test
    @DisplayName("reports live session counts after opens and closes")
    void liveCounts() {
        tracker.sessionOpened("chat", true);
        tracker.sessionOpened("chat", false);
        tracker.sessionOpened("rooms", true);
        tracker.sessionOpened("rooms", true);
        tracker.sessionOpened("rooms", false);
        tracker.sessionClosed("rooms", 1001);
        tracker.sessionClosed("rooms", 1006);

        List<EndpointDescriptor> endpoints = endpoint.endpoints().endpoints();

        assertThat(endpoints.get(0).sessions()).isEqualTo(new Activity(2, 2, 1));
        assertThat(endpoints.get(1).sessions()).isEqualTo(new Activity(1, 3, 2));
    }

    @Test
    @DisplayName("RFC 7692: without compression configured, deflate is reported as null")
    void noDeflate() {
        assertThat(endpoint.endpoints().deflate()).isNull();
    }

    @Test
    @DisplayName("RFC 7692 §7.1: the permessage-deflate settings in force are reported")
    void deflateSettings() {
        DeflateOptions options = DeflateOptions.builder()
                .mode(DeflateMode.SHARED)
                .serverNoContextTakeover(true)
                .clientMaxWindowBits(12)
                .compressionLevel(3)
                .threshold(256)
                .build();

        Deflate deflate = new WsActuatorEndpoint(registry, tracker, options).endpoints().deflate();

        assertThat(deflate).isEqualTo(new Deflate("SHARED", true, false, 15, 12, 3, 256));
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: no client_max_window_bits configured → null, not a made-up number")
    void defaultDeflateSettings() {
        Deflate deflate = new WsActuatorEndpoint(registry, tracker, DeflateOptions.defaults()).endpoints().deflate();

        assertThat(deflate.mode()).isEqualTo("DEDICATED");
        assertThat(deflate.clientMaxWindowBits()).isNull();
        assertThat(deflate.serverMaxWindowBits()).isEqualTo(15);
        assertThat(deflate.threshold()).isEqualTo(DeflateOptions.DEFAULT_THRESHOLD);
    }
}
