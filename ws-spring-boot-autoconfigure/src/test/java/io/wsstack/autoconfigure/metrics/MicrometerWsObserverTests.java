package io.wsstack.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsObserver.MessageType;
import io.wsstack.spring.WsObserver.RefusalReason;
import io.wsstack.spring.WsObserver.SlowConsumerAction;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerWsObserverTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerWsObserver observer = new MicrometerWsObserver(registry, List.of("chat", "rooms"));

    @Test
    @DisplayName("configured endpoints show ws.sessions.active and ws.outbound.queued at 0 before any traffic")
    void gaugesArePublishedAtStartUp() {
        assertThat(gauge("ws.sessions.active", "chat").value()).isZero();
        assertThat(gauge("ws.sessions.active", "rooms").value()).isZero();
        assertThat(gauge("ws.outbound.queued", "chat").value()).isZero();
        assertThat(gauge("ws.outbound.queued", "chat").getId().getBaseUnit()).isEqualTo("bytes");
        assertThat(registry.find("ws.sessions.active").tag("endpoint", "none").gauge()).isNull();
    }

    @Test
    @DisplayName("ws.sessions.active goes up on open and down on close, per endpoint")
    void activeSessionsFollowOpensAndCloses() {
        observer.sessionOpened("chat", false);
        observer.sessionOpened("chat", true);
        observer.sessionOpened("rooms", false);
        observer.sessionClosed("chat", 1000);

        assertThat(gauge("ws.sessions.active", "chat").value()).isEqualTo(1.0);
        assertThat(gauge("ws.sessions.active", "rooms").value()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("RFC 7692 §5: ws.sessions.opened counts sessions with and without permessage-deflate apart")
    void openedSessionsAreTaggedByCompression() {
        observer.sessionOpened("chat", true);
        observer.sessionOpened("chat", true);
        observer.sessionOpened("chat", false);

        assertThat(counter("ws.sessions.opened", "chat", "compressed", "true").count()).isEqualTo(2.0);
        assertThat(counter("ws.sessions.opened", "chat", "compressed", "false").count()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: ws.sessions.closed is tagged by close code; 1006 for a lost connection")
    void closedSessionsAreTaggedByCode() {
        observer.sessionClosed("chat", 1000);
        observer.sessionClosed("chat", 1000);
        observer.sessionClosed("chat", 1006);
        observer.sessionClosed("chat", 1001);
        observer.sessionClosed("chat", 4001);

        assertThat(counter("ws.sessions.closed", "chat", "code", "1000").count()).isEqualTo(2.0);
        assertThat(counter("ws.sessions.closed", "chat", "code", "1006").count()).isEqualTo(1.0);
        assertThat(counter("ws.sessions.closed", "chat", "code", "1001").count()).isEqualTo(1.0);
        assertThat(counter("ws.sessions.closed", "chat", "code", "4xxx").count()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1: refused handshakes are counted by reason; an unknown path has endpoint 'none'")
    void refusedHandshakesAreTaggedByReason() {
        observer.handshakeRefused(null, RefusalReason.UNKNOWN_PATH, 404);
        observer.handshakeRefused(null, RefusalReason.UNKNOWN_PATH, 404);
        observer.handshakeRefused("chat", RefusalReason.ORIGIN, 403);
        observer.handshakeRefused("chat", RefusalReason.VERSION, 426);
        observer.handshakeRefused("chat", RefusalReason.BAD_REQUEST, 400);
        observer.handshakeRefused("rooms", RefusalReason.INTERCEPTOR, 401);

        assertThat(counter("ws.handshakes.refused", "none", "reason", "unknown_path").count()).isEqualTo(2.0);
        assertThat(counter("ws.handshakes.refused", "chat", "reason", "origin").count()).isEqualTo(1.0);
        assertThat(counter("ws.handshakes.refused", "chat", "reason", "version").count()).isEqualTo(1.0);
        assertThat(counter("ws.handshakes.refused", "chat", "reason", "bad_request").count()).isEqualTo(1.0);
        assertThat(counter("ws.handshakes.refused", "rooms", "reason", "interceptor").count()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("RFC 6455 §5.6: received text and binary messages are counted apart, with payload and wire bytes")
    void receivedMessagesAreCountedByType() {
        observer.messageReceived("chat", MessageType.TEXT, 5, 11);
        observer.messageReceived("chat", MessageType.TEXT, 7, 13);
        observer.messageReceived("chat", MessageType.BINARY, 256, 264);

        assertThat(counter("ws.messages.received", "chat", "type", "text").count()).isEqualTo(2.0);
        assertThat(counter("ws.messages.received", "chat", "type", "binary").count()).isEqualTo(1.0);
        assertThat(counter("ws.payload.received", "chat", "type", "text").count()).isEqualTo(12.0);
        assertThat(counter("ws.wire.received", "chat", "type", "text").count()).isEqualTo(24.0);
        assertThat(counter("ws.payload.received", "chat", "type", "binary").count()).isEqualTo(256.0);
        assertThat(counter("ws.wire.received", "chat", "type", "binary").count()).isEqualTo(264.0);
        assertThat(counter("ws.payload.received", "chat", "type", "text").getId().getBaseUnit()).isEqualTo("bytes");
        assertThat(counter("ws.wire.received", "chat", "type", "text").getId().getBaseUnit()).isEqualTo("bytes");
    }

    @Test
    @DisplayName("RFC 6455 §5.6: a read batch's totals count as many messages and bytes as the messages one by one")
    void totalsCountLikeSingleMessages() {
        WsObserver.EndpointObserver chat = observer.bind("chat");
        assertThat(chat.takesTotals()).isTrue();
        chat.messagesReceived(MessageType.TEXT, 16, 320, 416);
        chat.messageReceived(MessageType.TEXT, 20, 26);
        chat.messagesSent(MessageType.BINARY, 4, 80, 88);

        assertThat(counter("ws.messages.received", "chat", "type", "text").count()).isEqualTo(17.0);
        assertThat(counter("ws.payload.received", "chat", "type", "text").count()).isEqualTo(340.0);
        assertThat(counter("ws.wire.received", "chat", "type", "text").count()).isEqualTo(442.0);
        assertThat(counter("ws.messages.sent", "chat", "type", "binary").count()).isEqualTo(4.0);
        assertThat(counter("ws.payload.sent", "chat", "type", "binary").count()).isEqualTo(80.0);
        assertThat(counter("ws.wire.sent", "chat", "type", "binary").count()).isEqualTo(88.0);
        assertThat(registry.find("ws.messages.sent").tags("endpoint", "chat", "type", "text").counter()).isNull();
    }

    @Test
    @DisplayName("RFC 7692 §7.2: compressed traffic shows fewer wire bytes than payload bytes, both directions")
    void compressedTrafficShowsTheRatio() {
        // A 1000-byte repetitive text message deflates to a few dozen bytes.
        observer.messageReceived("chat", MessageType.TEXT, 1000, 31);
        observer.messageSent("chat", MessageType.TEXT, 1000, 29);

        double payloadIn = counter("ws.payload.received", "chat", "type", "text").count();
        double wireIn = counter("ws.wire.received", "chat", "type", "text").count();
        double payloadOut = counter("ws.payload.sent", "chat", "type", "text").count();
        double wireOut = counter("ws.wire.sent", "chat", "type", "text").count();
        assertThat(wireIn).isEqualTo(31.0).isLessThan(payloadIn);
        assertThat(wireOut).isEqualTo(29.0).isLessThan(payloadOut);
        assertThat(payloadOut).isEqualTo(1000.0);
    }

    @Test
    @DisplayName("RFC 6455 §5.6: sent text and binary messages are counted apart, with payload and wire bytes")
    void sentMessagesAreCountedByType() {
        observer.messageSent("rooms", MessageType.BINARY, 70_000, 70_010);
        observer.messageSent("rooms", MessageType.TEXT, 3, 5);

        assertThat(counter("ws.messages.sent", "rooms", "type", "binary").count()).isEqualTo(1.0);
        assertThat(counter("ws.messages.sent", "rooms", "type", "text").count()).isEqualTo(1.0);
        assertThat(counter("ws.payload.sent", "rooms", "type", "binary").count()).isEqualTo(70_000.0);
        assertThat(counter("ws.wire.sent", "rooms", "type", "binary").count()).isEqualTo(70_010.0);
        assertThat(counter("ws.wire.sent", "rooms", "type", "text").count()).isEqualTo(5.0);
    }

    @Test
    @DisplayName("ws.handler.duration records handler time by outcome success|error; ws.handler.duration.max the longest call")
    void handlerTimeIsTimedByOutcome() {
        observer.handlerInvoked("chat", 2_000_000, false);
        observer.handlerInvoked("chat", 3_000_000, false);
        observer.handlerInvoked("chat", 7_000_000, true);

        FunctionTimer success = handlerTimer("chat", "success");
        FunctionTimer error = handlerTimer("chat", "error");
        assertThat(success.count()).isEqualTo(2);
        assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5.0);
        assertThat(handlerMax("chat", "success").value(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
        assertThat(error.count()).isEqualTo(1);
        assertThat(error.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7.0);
        assertThat(handlerMax("chat", "error").value(TimeUnit.MILLISECONDS)).isEqualTo(7.0);
    }

    @Test
    @DisplayName("ws.handler.duration takes a read batch's calls as count, total and longest call: same figures as one by one")
    void handlerTotalsReadAsSingleCalls() {
        WsObserver.EndpointObserver chat = observer.bind("chat");
        assertThat(chat.takesHandlerTotals()).isTrue();
        chat.handlersInvoked(3, 9_000_000, 5_000_000, System.nanoTime());
        chat.handlersInvoked(2, 2_000_000, 1_500_000, System.nanoTime());
        chat.handlerInvoked(1_000_000, false);

        assertThat(handlerTimer("chat", "success").count()).isEqualTo(6);
        assertThat(handlerTimer("chat", "success").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12.0);
        assertThat(handlerMax("chat", "success").value(TimeUnit.MILLISECONDS)).isEqualTo(5.0);
        assertThat(registry.find("ws.handler.duration").tags("endpoint", "chat", "outcome", "error").meter())
                .as("no error series before a handler threw").isNull();
    }

    @Test
    @DisplayName("ws.handler.duration with histogram buckets configured: a full Timer that gets every call, never totals")
    void handlerTimerWithHistogramTakesEachCall() {
        SimpleMeterRegistry histogramRegistry = new SimpleMeterRegistry();
        // SLO buckets: what percentiles-histogram gives on Prometheus (the simple registry publishes no
        // percentile histogram, only SLO buckets).
        histogramRegistry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals("ws.handler.duration")
                        ? DistributionStatisticConfig.builder().serviceLevelObjectives(1e6, 1e7).build().merge(config) : config;
            }
        });
        WsObserver.EndpointObserver chat = new MicrometerWsObserver(histogramRegistry, List.of("chat")).bind("chat");

        assertThat(chat.takesHandlerTotals()).isFalse();
        chat.handlerInvoked(2_000_000, false);
        chat.handlerInvoked(4_000_000, false);

        Timer timer = histogramRegistry.get("ws.handler.duration").tags("endpoint", "chat", "outcome", "success").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(4.0);
        assertThat(timer.takeSnapshot().histogramCounts()).isNotEmpty();
        assertThat(histogramRegistry.get("ws.handler.duration.max").tags("endpoint", "chat", "outcome", "success")
                .timeGauge().value(TimeUnit.MILLISECONDS)).as("the same max under the gauge's name").isEqualTo(4.0);
    }

    @Test
    @DisplayName("two observers on one registry share the endpoint's handler meter: neither's calls are lost")
    void observersOnOneRegistryShareHandlerMeters() {
        WsObserver.EndpointObserver second = new MicrometerWsObserver(registry, List.of("chat")).bind("chat");
        observer.bind("chat").handlersInvoked(2, 4_000, 3_000, System.nanoTime());
        second.handlersInvoked(1, 1_000, 1_000, System.nanoTime());

        assertThat(handlerTimer("chat", "success").count()).isEqualTo(3);
    }

    @Test
    @DisplayName("ws.outbound.queued sums the queue deltas of an endpoint's sessions")
    void queuedBytesFollowDeltas() {
        observer.outboundQueueChanged("chat", 4096);
        observer.outboundQueueChanged("chat", 1024);
        observer.outboundQueueChanged("chat", -4096);

        assertThat(gauge("ws.outbound.queued", "chat").value()).isEqualTo(1024.0);
        assertThat(gauge("ws.outbound.queued", "rooms").value()).isZero();
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: slow consumers are counted by action; 'closed' means the session got 1008")
    void slowConsumerActionsAreCounted() {
        observer.slowConsumer("chat", SlowConsumerAction.CLOSED);
        observer.slowConsumer("rooms", SlowConsumerAction.DROPPED);
        observer.slowConsumer("rooms", SlowConsumerAction.DROPPED);

        assertThat(counter("ws.slow.consumer.actions", "chat", "action", "closed").count()).isEqualTo(1.0);
        assertThat(counter("ws.slow.consumer.actions", "rooms", "action", "dropped").count()).isEqualTo(2.0);
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: protocol errors are counted by the close code sent (1002, 1007, 1009)")
    void protocolErrorsAreTaggedByCode() {
        observer.protocolError("chat", 1002);
        observer.protocolError("chat", 1002);
        observer.protocolError("chat", 1007);
        observer.protocolError("rooms", 1009);

        assertThat(counter("ws.protocol.errors", "chat", "code", "1002").count()).isEqualTo(2.0);
        assertThat(counter("ws.protocol.errors", "chat", "code", "1007").count()).isEqualTo(1.0);
        assertThat(counter("ws.protocol.errors", "rooms", "code", "1009").count()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("endpoint names outside the configured set all count as 'none': the series cannot grow")
    void unknownEndpointNamesDoNotGrowTheSeries() {
        for (int i = 0; i < 1000; i++) {
            String name = "attacker-" + i;
            observer.handshakeRefused(name, RefusalReason.ORIGIN, 403);
            observer.sessionOpened(name, false);
            observer.messageReceived(name, MessageType.TEXT, 1, 7);
            observer.sessionClosed(name, 1000);
        }

        Set<String> endpointTags = registry.getMeters().stream()
                .map(meter -> meter.getId().getTag("endpoint"))
                .collect(Collectors.toSet());
        assertThat(endpointTags).containsExactlyInAnyOrder("chat", "rooms", "none");
        assertThat(counter("ws.handshakes.refused", "none", "reason", "origin").count()).isEqualTo(1000.0);
        assertThat(counter("ws.messages.received", "none", "type", "text").count()).isEqualTo(1000.0);
        assertThat(gauge("ws.sessions.active", "none").value()).isZero();
    }

    @Test
    @DisplayName("every meter is ws.-prefixed, dotted lower case, and tagged only from the fixed tag set")
    void namesAndTagsFollowTheConvention() {
        observer.handshakeRefused(null, RefusalReason.UNKNOWN_PATH, 404);
        observer.sessionOpened("chat", true);
        observer.messageReceived("chat", MessageType.TEXT, 3, 9);
        observer.messageSent("chat", MessageType.BINARY, 3, 5);
        observer.handlerInvoked("chat", 10, false);
        observer.slowConsumer("chat", SlowConsumerAction.CLOSED);
        observer.protocolError("chat", 1002);
        observer.sessionClosed("chat", 1002);

        Set<String> allowedTags = Set.of("endpoint", "type", "code", "reason", "action", "outcome", "compressed");
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getName()).matches("ws(\\.[a-z]+)+");
            assertThat(meter.getId().getTags()).extracting(Tag::getKey).isSubsetOf(allowedTags).contains("endpoint");
            assertThat(meter.getId().getDescription()).isNotBlank();
        }
        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName()).contains(
                "ws.sessions.active", "ws.sessions.opened", "ws.sessions.closed", "ws.handshakes.refused",
                "ws.messages.received", "ws.messages.sent", "ws.payload.received", "ws.payload.sent",
                "ws.wire.received", "ws.wire.sent", "ws.handler.duration", "ws.handler.duration.max", "ws.outbound.queued",
                "ws.slow.consumer.actions", "ws.protocol.errors");
    }

    @Test
    @DisplayName("A session binds its endpoint's meters once: the bound holder updates the same meters, unknown names go to 'none'")
    void boundEndpointUpdatesTheSameMeters() {
        WsObserver.EndpointObserver chat = observer.bind("chat");
        assertThat(observer.bind("chat")).as("one holder per endpoint, no per-session meters").isSameAs(chat);
        chat.messageReceived(MessageType.TEXT, 20, 26);
        chat.messageSent(MessageType.TEXT, 20, 22);
        chat.handlerInvoked(1_000, false);
        chat.slowConsumer(SlowConsumerAction.DROPPED);
        observer.bind("elsewhere").messageReceived(MessageType.BINARY, 1, 7);

        assertThat(counter("ws.messages.received", "chat", "type", "text").count()).isEqualTo(1.0);
        assertThat(counter("ws.wire.received", "chat", "type", "text").count()).isEqualTo(26.0);
        assertThat(counter("ws.wire.sent", "chat", "type", "text").count()).isEqualTo(22.0);
        assertThat(handlerTimer("chat", "success").totalTime(TimeUnit.NANOSECONDS)).isEqualTo(1_000.0);
        assertThat(counter("ws.slow.consumer.actions", "chat", "action", "dropped").count()).isEqualTo(1.0);
        assertThat(counter("ws.messages.received", "none", "type", "binary").count()).isEqualTo(1.0);
    }

    private FunctionTimer handlerTimer(String endpoint, String outcome) {
        return registry.get("ws.handler.duration").tags("endpoint", endpoint, "outcome", outcome).functionTimer();
    }

    private TimeGauge handlerMax(String endpoint, String outcome) {
        return registry.get("ws.handler.duration.max").tags("endpoint", endpoint, "outcome", outcome).timeGauge();
    }

    private Gauge gauge(String name, String endpoint) {
        return registry.get(name).tag("endpoint", endpoint).gauge();
    }

    private Counter counter(String name, String endpoint, String tag, String value) {
        return registry.get(name).tags("endpoint", endpoint, tag, value).counter();
    }
}
