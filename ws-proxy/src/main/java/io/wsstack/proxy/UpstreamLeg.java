package io.wsstack.proxy;

import io.wsstack.client.WsClientListener;
import io.wsstack.client.WsClientSession;
import io.wsstack.core.WebSocketProtocolException;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The upstream half of one proxied session: the {@link WsClientListener} of the proxy's client
 * connection to the upstream, from the moment the upstream answered 101 until it closes.
 *
 * <p>The upstream may send before the client has its 101. Such messages are not buffered: the
 * upstream session's reader thread waits here until the client session is attached (or the deadline
 * passes and the upstream connection is dropped), so TCP holds them back.
 */
final class UpstreamLeg implements WsClientListener {

    /** What the leg reports to its relay, on the upstream reader thread, in wire order. */
    interface Relay {
        void onText(String text);

        void onBinary(ByteBuffer data);

        /**
         * The upstream session ended.
         *
         * @param code          the upstream's close code (1005 for none), ours after its protocol violation, or 1006
         * @param reason        the close reason
         * @param protocolError whether the upstream broke a protocol rule
         */
        void onUpstreamClosed(int code, String reason, boolean protocolError);
    }

    private final CountDownLatch attached = new CountDownLatch(1);
    private final long attachTimeoutNanos;
    private volatile WsClientSession session;
    private volatile Relay relay;
    private volatile boolean protocolError;
    private volatile ScheduledFuture<?> abandonment;
    /** The upstream's end, guarded by {@code this}: it may come before the client session is attached. */
    private int closedCode;
    private String closedReason;
    private boolean closed;

    /** @param attachTimeoutNanos how long the client session may take to open after the upstream's 101 */
    UpstreamLeg(long attachTimeoutNanos) {
        this.attachTimeoutNanos = attachTimeoutNanos;
    }

    /** The upstream session; set once it opened. */
    WsClientSession session() {
        return session;
    }

    /** Joins the client side. If the upstream already ended, the relay hears it at once. */
    void attach(Relay relay) {
        boolean alreadyClosed;
        int code;
        String reason;
        synchronized (this) {
            this.relay = relay;
            alreadyClosed = closed;
            code = closedCode;
            reason = closedReason;
        }
        attached.countDown();
        ScheduledFuture<?> pending = abandonment;
        if (pending != null) {
            pending.cancel(false);
        }
        if (alreadyClosed) {
            relay.onUpstreamClosed(code, reason, protocolError);
        }
    }

    /**
     * Drops the upstream connection if the client session has not opened within the attach timeout:
     * the container may never open it (the client vanished right after its request).
     */
    void abandonUnlessAttachedIn(ScheduledExecutorService scheduler) {
        abandonment = scheduler.schedule(this::abandonUnlessAttached, attachTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void abandonUnlessAttached() {
        WsClientSession current = session;
        if (attached.getCount() > 0 && current != null) {
            current.abort();
        }
    }

    @Override
    public void onOpen(WsClientSession session) {
        this.session = session;
    }

    @Override
    public void onText(WsClientSession session, String text) {
        Relay target = awaitRelay(session);
        if (target != null) {
            target.onText(text);
        }
    }

    @Override
    public void onBinary(WsClientSession session, ByteBuffer data) {
        Relay target = awaitRelay(session);
        if (target != null) {
            target.onBinary(data);
        }
    }

    @Override
    public void onError(WsClientSession session, Throwable error) {
        if (error instanceof WebSocketProtocolException) {
            protocolError = true;
        }
    }

    @Override
    public void onClose(WsClientSession session, int code, String reason) {
        Relay target;
        synchronized (this) {
            closed = true;
            closedCode = code;
            closedReason = reason;
            target = relay;
        }
        if (target != null) {
            target.onUpstreamClosed(code, reason, protocolError);
        }
    }

    private Relay awaitRelay(WsClientSession session) {
        Relay current = relay;
        if (current != null) {
            return current;
        }
        try {
            if (attached.await(attachTimeoutNanos, TimeUnit.NANOSECONDS)) {
                return relay;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.abort();
        return null;
    }
}
