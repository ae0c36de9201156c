package io.wsstack.autoconfigure.metrics;

import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsEndpointSettings;

import java.time.Duration;
import java.util.List;

/** Endpoint registries for observability tests: {@code chat} at {@code /chat} and {@code rooms} at {@code /rooms/{room}}. */
public final class TestEndpointRegistries {

    private TestEndpointRegistries() {
    }

    /** The two test endpoints. */
    public static WsEndpointRegistry chatAndRooms() {
        return new WsEndpointRegistry(List.of(
                endpoint(new WsEndpointSettings("chat", "/chat", List.of("v2.chat", "v1.chat"),
                        List.of("https://app.example"), 65_536, 1_048_576, 128, Duration.ofMinutes(5),
                        Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5), 524_288,
                        SendBufferOverflowPolicy.CLOSE)),
                endpoint(new WsEndpointSettings("rooms", "/rooms/{room}", List.of(), List.of("*"), 16_384, 65_536,
                        16, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(30), 65_536,
                        SendBufferOverflowPolicy.DROP_NEWEST))));
    }

    private static WsEndpoint endpoint(WsEndpointSettings settings) {
        return new WsEndpoint(settings, PathTemplate.parse(settings.path()), new WsEndpointHandler() {
        });
    }
}
