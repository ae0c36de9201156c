package io.wsstack.e2e;

import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.HandlerDispatch;
import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.transport.TransportSession;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The endpoints the end-to-end tests talk to, built directly from {@link WsEndpointSettings} and
 * {@link WsEndpointHandler}s (the property-driven path is tested by the core auto-configuration).
 */
final class E2eEndpoints {

    /** Limit of the echo endpoint's messages: one byte more is answered 1009. */
    static final int MAX_MESSAGE = 64 * 1024;
    /** Send buffer of the push endpoint (slow-consumer scenario). */
    static final long PUSH_SEND_BUFFER = 64 * 1024;
    /** Payload size of each pushed message. */
    static final int PUSH_MESSAGE = 16 * 1024;

    /** The last session of the push endpoint, so a test can read its queue statistics after it ended. */
    static final AtomicReference<TransportSession> lastPushSession = new AtomicReference<>();

    private E2eEndpoints() {
    }

    static List<WsEndpoint> all(Supplier<WsSessionRegistry> sessions) {
        return all(sessions, HandlerDispatch.WORKER);
    }

    /**
     * Every endpoint, its handlers run as {@code dispatch} says (its {@code handler-dispatch}, as
     * {@code ws.endpoints.<name>.handler-dispatch} would set it for an endpoint of the properties).
     */
    static List<WsEndpoint> all(Supplier<WsSessionRegistry> sessions, HandlerDispatch dispatch) {
        List<WsEndpoint> endpoints = new ArrayList<>();
        for (WsEndpoint endpoint : allWorkers(sessions)) {
            WsEndpointSettings s = endpoint.settings();
            endpoints.add(new WsEndpoint(new WsEndpointSettings(s.name(), s.path(), s.subprotocols(), s.allowedOrigins(),
                    s.maxFrameSize(), s.maxMessageSize(), s.maxFragments(), s.idleTimeout(), s.pingInterval(),
                    s.handshakeTimeout(), s.closeTimeout(), s.maxSendBuffer(), s.overflowPolicy(), dispatch),
                    endpoint.path(), endpoint.handler()));
        }
        return endpoints;
    }

    private static List<WsEndpoint> allWorkers(Supplier<WsSessionRegistry> sessions) {
        List<WsEndpoint> endpoints = new ArrayList<>();
        endpoints.add(endpoint(settings("echo", "/echo").subprotocols(List.of("chat.v2")), new Echo()));
        endpoints.add(endpoint(settings("rooms", "/rooms/{room}"), new WsEndpointHandler() {
            @Override
            public void onText(WsSession session, String text) {
                session.sendText(session.pathVariables().get("room") + ":" + text);
            }
        }));
        endpoints.add(endpoint(settings("chat", "/chat"), new WsEndpointHandler() {
            @Override
            public void onText(WsSession session, String text) {
                sessions.get().broadcast("chat", text);
            }
        }));
        endpoints.add(endpoint(settings("fail", "/fail"), new WsEndpointHandler() {
            @Override
            public void onText(WsSession session, String text) {
                if (text.equals("policy")) {
                    throw new WebSocketProtocolException.PolicyViolation("rejected by handler");
                }
                throw new IllegalStateException("handler failure for the test");
            }
        }));
        endpoints.add(endpoint(settings("failopen", "/failopen"), new WsEndpointHandler() {
            @Override
            public void onOpen(WsSession session) {
                throw new IllegalStateException("onOpen failure for the test");
            }
        }));
        endpoints.add(endpoint(settings("idle", "/idle").idleTimeout(Duration.ofMillis(400))
                .closeTimeout(Duration.ofMillis(500)), new WsEndpointHandler() { }));
        endpoints.add(endpoint(settings("keepalive", "/keepalive").pingInterval(Duration.ofMillis(300))
                .closeTimeout(Duration.ofMillis(500)), new WsEndpointHandler() { }));
        endpoints.add(endpoint(settings("bye", "/bye").closeTimeout(Duration.ofMillis(500)), new WsEndpointHandler() {
            @Override
            public void onOpen(WsSession session) {
                session.close(new WsCloseStatus(1000, "bye"));
            }
        }));
        endpoints.add(endpoint(settings("push", "/push").maxSendBuffer(PUSH_SEND_BUFFER)
                .closeTimeout(Duration.ofMillis(500)), new Push()));
        endpoints.add(endpoint(settings("feed", "/feed").maxSendBuffer(PUSH_SEND_BUFFER)
                .overflowPolicy(SendBufferOverflowPolicy.DROP_NEWEST), new Feed()));
        endpoints.add(endpoint(settings("secure", "/secure/echo"), new Echo()));
        endpoints.add(endpoint(settings("open", "/open").allowedOrigins(List.of("*")), new Echo()));
        return endpoints;
    }

    static WsEndpoint endpoint(SettingsBuilder builder, WsEndpointHandler handler) {
        WsEndpointSettings settings = builder.build();
        return new WsEndpoint(settings, PathTemplate.parse(settings.path()), handler);
    }

    static SettingsBuilder settings(String name, String path) {
        return new SettingsBuilder(name, path);
    }

    /** Echoes text and binary; "attr:NAME" answers the session attribute, "principal" the user, "proto" the subprotocol. */
    static final class Echo implements WsEndpointHandler {
        @Override
        public void onText(WsSession session, String text) {
            if (text.startsWith("attr:")) {
                session.sendText(String.valueOf(session.attributes().get(text.substring(5))));
            } else if (text.equals("principal")) {
                session.sendText(session.principal() == null ? "none" : session.principal().getName());
            } else if (text.equals("remote")) {
                session.sendText("loopback=" + session.remoteAddress().getAddress().isLoopbackAddress());
            } else if (text.equals("close")) {
                session.close(new WsCloseStatus(4000, "asked to"));
            } else {
                session.sendText(text);
            }
        }

        @Override
        public void onBinary(WsSession session, ByteBuffer data) {
            session.sendBinary(data);
        }
    }

    /** "push": sends messages until the session is closed by its send-buffer policy. */
    static final class Push implements WsEndpointHandler {
        @Override
        public void onOpen(WsSession session) {
            lastPushSession.set((TransportSession) session);
        }

        @Override
        public void onText(WsSession session, String text) {
            String payload = "x".repeat(PUSH_MESSAGE);
            for (int i = 0; i < 100_000 && session.isOpen(); i++) {
                session.sendText(payload);
            }
        }
    }

    /** "feed": pushes until one message is refused by DROP_NEWEST, then reports whether the session is still open. */
    static final class Feed implements WsEndpointHandler {
        @Override
        public void onText(WsSession session, String text) {
            String payload = "y".repeat(PUSH_MESSAGE);
            for (int i = 0; i < 100_000; i++) {
                if (session.sendText(payload).isCompletedExceptionally()) {
                    feedStillOpenAfterDrop.get().complete(session.isOpen());
                    return;
                }
            }
        }
    }

    /** Completed by {@link Feed} with the session's open state right after a message was dropped. */
    static final AtomicReference<java.util.concurrent.CompletableFuture<Boolean>> feedStillOpenAfterDrop =
            new AtomicReference<>(new java.util.concurrent.CompletableFuture<>());

    /** Test-only builder over the settings record. */
    static final class SettingsBuilder {
        private final String name;
        private final String path;
        private List<String> subprotocols = List.of();
        private List<String> allowedOrigins = List.of();
        private Duration idleTimeout = Duration.ZERO;
        private Duration pingInterval = Duration.ZERO;
        private Duration closeTimeout = Duration.ofSeconds(5);
        private long maxSendBuffer = 1 << 20;
        private SendBufferOverflowPolicy overflowPolicy = SendBufferOverflowPolicy.CLOSE;
        private HandlerDispatch handlerDispatch = HandlerDispatch.WORKER;

        SettingsBuilder(String name, String path) {
            this.name = name;
            this.path = path;
        }

        SettingsBuilder subprotocols(List<String> value) {
            subprotocols = value;
            return this;
        }

        SettingsBuilder allowedOrigins(List<String> value) {
            allowedOrigins = value;
            return this;
        }

        SettingsBuilder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        SettingsBuilder pingInterval(Duration value) {
            pingInterval = value;
            return this;
        }

        SettingsBuilder closeTimeout(Duration value) {
            closeTimeout = value;
            return this;
        }

        SettingsBuilder maxSendBuffer(long value) {
            maxSendBuffer = value;
            return this;
        }

        SettingsBuilder overflowPolicy(SendBufferOverflowPolicy value) {
            overflowPolicy = value;
            return this;
        }

        SettingsBuilder handlerDispatch(HandlerDispatch value) {
            handlerDispatch = value;
            return this;
        }

        WsEndpointSettings build() {
            return new WsEndpointSettings(name, path, subprotocols, allowedOrigins, MAX_MESSAGE, MAX_MESSAGE, 4096,
                    idleTimeout, pingInterval, Duration.ofSeconds(10), closeTimeout, maxSendBuffer,
                    overflowPolicy, handlerDispatch);
        }
    }
}
