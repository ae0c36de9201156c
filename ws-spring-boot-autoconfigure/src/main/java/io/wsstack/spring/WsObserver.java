package io.wsstack.spring;

/**
 * Hears what the transport does, for meters and logs. The transport calls every registered
 * observer on its I/O threads, so implementations must be fast, thread-safe and never throw.
 * Arguments carry the endpoint name only — never the session, the user or path variables — so
 * that tags stay bounded.
 */
public interface WsObserver {

    /** Why an upgrade request was refused. */
    enum RefusalReason {
        /** Malformed upgrade request (400). */
        BAD_REQUEST,
        /** {@code Sec-WebSocket-Version} other than 13 (426). */
        VERSION,
        /** Origin not allowed (403). */
        ORIGIN,
        /** A handshake interceptor, or the endpoint's {@link WsHandshakeParticipant} handler, refused it. */
        INTERCEPTOR,
        /**
         * No endpoint at that path (404), for a transport that owns its port. The servlet transport
         * never reports it: there, upgrade requests to other paths pass down the filter chain to the
         * application (which may serve them with another WebSocket stack).
         */
        UNKNOWN_PATH
    }

    /** Kind of a data message. */
    enum MessageType {
        TEXT, BINARY
    }

    /** What a session did when its send buffer was full. */
    enum SlowConsumerAction {
        /** The session was closed with 1008. */
        CLOSED,
        /** The newest message was dropped. */
        DROPPED
    }

    /** An upgrade request was refused; {@code endpoint} is {@code null} for an unknown path. */
    default void handshakeRefused(String endpoint, RefusalReason reason, int status) {
    }

    /** A session opened. */
    default void sessionOpened(String endpoint, boolean compressed) {
    }

    /** A session ended with this close code (1006 when the connection was lost). */
    default void sessionClosed(String endpoint, int closeCode) {
    }

    /** A data message arrived: {@code payloadBytes} decoded (inflated) size, {@code wireBytes} frame bytes on the wire. */
    default void messageReceived(String endpoint, MessageType type, long payloadBytes, long wireBytes) {
    }

    /** A data message was queued for sending: decoded size and encoded frame size. */
    default void messageSent(String endpoint, MessageType type, long payloadBytes, long wireBytes) {
    }

    /** A handler method ran for this many nanoseconds; {@code failed} if it threw. */
    default void handlerInvoked(String endpoint, long nanos, boolean failed) {
    }

    /** The bytes queued for one session grew ({@code delta} > 0) or shrank. */
    default void outboundQueueChanged(String endpoint, long delta) {
    }

    /** A slow consumer hit its send-buffer limit. */
    default void slowConsumer(String endpoint, SlowConsumerAction action) {
    }

    /** The peer broke a protocol rule and the session is closing with this code. */
    default void protocolError(String endpoint, int closeCode) {
    }

    /**
     * The per-message events of one endpoint, bound once (when a session opens) so that a message
     * costs neither a lookup by endpoint name nor an allocation. Same contract as the observer:
     * fast, thread-safe, never throws.
     */
    interface EndpointObserver {

        /** Hears nothing: what an observer that keeps no per-message state binds to. */
        EndpointObserver NONE = new EndpointObserver() {
            @Override
            public void messageReceived(MessageType type, long payloadBytes, long wireBytes) {
            }

            @Override
            public void messageSent(MessageType type, long payloadBytes, long wireBytes) {
            }

            @Override
            public void handlerInvoked(long nanos, boolean failed) {
            }

            @Override
            public void slowConsumer(SlowConsumerAction action) {
            }
        };

        /** See {@link WsObserver#messageReceived}. */
        void messageReceived(MessageType type, long payloadBytes, long wireBytes);

        /** See {@link WsObserver#messageSent}. */
        void messageSent(MessageType type, long payloadBytes, long wireBytes);

        /** See {@link WsObserver#handlerInvoked}. */
        void handlerInvoked(long nanos, boolean failed);

        /** See {@link WsObserver#slowConsumer}. */
        void slowConsumer(SlowConsumerAction action);

        /**
         * Whether this observer only sums messages and bytes, so the transport may hand it a read
         * batch's messages of one type as totals ({@link #messagesReceived}, {@link #messagesSent})
         * instead of one call per message. Meters do: a counter that gains 16 at once reads the same
         * at scrape time as one that gained 1 sixteen times, for a fraction of the cost. An observer
         * that looks at each message keeps the default, {@code false}, and is never given totals.
         */
        default boolean takesTotals() {
            return false;
        }

        /**
         * {@code count} data messages of this type arrived, with these payload and wire bytes in
         * all; called only when {@link #takesTotals()}.
         */
        default void messagesReceived(MessageType type, long count, long payloadBytes, long wireBytes) {
            throw new UnsupportedOperationException("this observer takes one message at a time");
        }

        /**
         * {@code count} data messages of this type were queued for sending, with these payload and
         * wire bytes in all; called only when {@link #takesTotals()}.
         */
        default void messagesSent(MessageType type, long count, long payloadBytes, long wireBytes) {
            throw new UnsupportedOperationException("this observer takes one message at a time");
        }

        /**
         * Whether the transport may hand over the handler calls of a read batch (or lane run) that
         * returned normally as one sum ({@link #handlersInvoked}) instead of one
         * {@link #handlerInvoked} each. Asked once per call, so the answer may change (it may
         * depend on how a meter turns out to be configured). Calls that threw always come one by
         * one. Meters that keep only a count, a total and a max take sums: a message then costs no
         * meter update and no clock read beyond the one that timed it.
         */
        default boolean takesHandlerTotals() {
            return false;
        }

        /**
         * {@code count} handler calls returned normally, taking {@code totalNanos} in all, the
         * longest {@code maxNanos}, the last of them ending at {@code endNanos} (a
         * {@code System.nanoTime()} reading, so that a max kept over a time window needs no clock
         * read of its own); called only when {@link #takesHandlerTotals()}.
         */
        default void handlersInvoked(long count, long totalNanos, long maxNanos, long endNanos) {
            throw new UnsupportedOperationException("this observer takes one handler call at a time");
        }
    }

    /**
     * This observer's per-message events for one endpoint. The default forwards to the methods
     * that take the endpoint name; an observer that keeps state per endpoint (meters) returns that
     * state itself, so the transport holds it for the session's life. The transport binds once per
     * endpoint and shares the result among the endpoint's sessions (called from several threads):
     * it must hold no state of one session.
     */
    default EndpointObserver bind(String endpoint) {
        WsObserver observer = this;
        return new EndpointObserver() {
            @Override
            public void messageReceived(MessageType type, long payloadBytes, long wireBytes) {
                observer.messageReceived(endpoint, type, payloadBytes, wireBytes);
            }

            @Override
            public void messageSent(MessageType type, long payloadBytes, long wireBytes) {
                observer.messageSent(endpoint, type, payloadBytes, wireBytes);
            }

            @Override
            public void handlerInvoked(long nanos, boolean failed) {
                observer.handlerInvoked(endpoint, nanos, failed);
            }

            @Override
            public void slowConsumer(SlowConsumerAction action) {
                observer.slowConsumer(endpoint, action);
            }
        };
    }
}
