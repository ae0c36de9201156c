package io.wsstack.client;

import io.wsstack.core.CloseCodes;

import io.wsstack.core.WsCloseStatus;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one implementation of {@link ReconnectingSession}: connects, and after every end the policy
 * retries, schedules the next attempt on the client's timer thread. Each attempt gets its own
 * {@link Attempt} listener, which forwards to the application's listener and reports back here, so a
 * late event of an old connection can never be mistaken for one of the current.
 */
final class ReconnectLoop implements ReconnectingSession {

    private final URI uri;
    private final WsClientRequest request;
    private final WsClientListener listener;
    private final ReconnectPolicy policy;
    private final Function<WsClientRequest, CompletableFuture<WsClientSession>> connector;
    private final ScheduledExecutorService timers;
    private final Runnable onEnd;
    private final CompletableFuture<WsClientSession> firstOpen = new CompletableFuture<>();
    private final CompletableFuture<WsCloseStatus> over = new CompletableFuture<>();

    private final Object lock = new Object();
    private final KeptSends kept;
    private WsClientSession current;
    private CompletableFuture<WsClientSession> attempt;
    private ScheduledFuture<?> retry;
    private int failedAttempts;
    private long lossNanos;
    private int connects;
    private WsCloseStatus closedBy;

    ReconnectLoop(URI uri, WsClientRequest request, ReconnectPolicy policy,
            Function<WsClientRequest, CompletableFuture<WsClientSession>> connector, ScheduledExecutorService timers,
            Runnable onEnd) {
        this.uri = uri;
        this.request = request;
        this.listener = request.listener();
        this.policy = policy;
        this.connector = connector;
        this.timers = timers;
        this.onEnd = onEnd;
        this.kept = new KeptSends(policy.queueWhileDisconnected());
    }

    /** Makes the first attempt. */
    ReconnectLoop start() {
        connectNow();
        return this;
    }

    private void connectNow() {
        Attempt events = new Attempt();
        CompletableFuture<WsClientSession> opening;
        synchronized (lock) {
            if (closedBy != null) {
                return;
            }
            try {
                opening = connector.apply(WsClientRequest.builder(events).subprotocols(request.subprotocols())
                        .headers(request.headers()).build());
            } catch (RuntimeException e) {
                // The client is closed, or the request became invalid: nothing to retry.
                finish(new WsCloseStatus(CloseCodes.ABNORMAL_CLOSURE, String.valueOf(e.getMessage())), e);
                return;
            }
            attempt = opening;
        }
        opening.whenComplete((session, failure) -> {
            if (failure != null && !events.opened) {
                ended(Disconnect.failed(unwrap(failure)));
            }
        });
    }

    /** A connection ended or an attempt failed: retry after a delay, or give up. */
    private void ended(Disconnect cause) {
        Duration delay = null;
        int next = 0;
        WsCloseStatus finalStatus = null;
        synchronized (lock) {
            current = null;
            attempt = null;
            if (closedBy != null) {
                // Closed by the application: report how the last connection actually ended.
                finish(cause.wasOpen() ? new WsCloseStatus(cause.closeCode(), cause.reason()) : closedBy, null);
                return;
            }
            long now = policy.nanoTime();
            int failed;
            if (cause.wasOpen()) {
                lossNanos = now; // the outage starts; maxElapsed counts from here
                failed = 0;
            } else {
                if (connects == 0 && failedAttempts == 0) {
                    lossNanos = now; // the very first attempt failed
                }
                failed = failedAttempts + 1;
            }
            if (!policy.shouldRetry(cause, failed, Duration.ofNanos(now - lossNanos))) {
                WsCloseStatus status = cause.wasOpen() ? new WsCloseStatus(cause.closeCode(), cause.reason())
                        : new WsCloseStatus(CloseCodes.ABNORMAL_CLOSURE, cause.reason());
                // The listener hears onGaveUp before closeFuture completes, outside the lock.
                stop(status, cause.error() != null ? cause.error() : new IllegalStateException(
                        "the connection ended (" + status.code() + " " + status.reason() + ") and is not retried"));
                finalStatus = status;
            } else {
                failedAttempts = failed;
                next = failed + 1;
                delay = policy.delayBefore(next);
                try {
                    retry = timers.schedule(this::connectNow, delay.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    finish(new WsCloseStatus(CloseCodes.ABNORMAL_CLOSURE, "the client is closed"), e);
                    return;
                }
            }
        }
        if (finalStatus != null) {
            notifyGaveUp(cause);
            complete(finalStatus);
            return;
        }
        int attemptNumber = next;
        Duration wait = delay;
        if (listener instanceof ReconnectListener reconnects) {
            safely(() -> reconnects.onReconnectScheduled(cause, attemptNumber, wait));
        }
    }

    /** Ends the conversation (lock held): kept sends fail, the futures complete. */
    private void finish(WsCloseStatus status, Throwable failure) {
        stop(status, failure);
        complete(status);
    }

    /** Stops everything but does not complete {@link #closeFuture()} yet (lock held). */
    private void stop(WsCloseStatus status, Throwable failure) {
        if (closedBy == null) {
            closedBy = status;
        }
        if (retry != null) {
            retry.cancel(false);
        }
        kept.failAll(failure != null ? failure : new IllegalStateException("the session is closed"));
        firstOpen.completeExceptionally(failure != null ? failure : new IllegalStateException("closed before it opened"));
    }

    private void complete(WsCloseStatus status) {
        if (over.complete(status)) {
            onEnd.run();
        }
    }

    private void notifyGaveUp(Disconnect cause) {
        if (listener instanceof ReconnectListener reconnects) {
            safely(() -> reconnects.onGaveUp(cause));
        }
    }

    // ---- ReconnectingSession ---------------------------------------------------------------------

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public WsClientSession current() {
        synchronized (lock) {
            return current;
        }
    }

    @Override
    public int connectCount() {
        synchronized (lock) {
            return connects;
        }
    }

    @Override
    public CompletableFuture<WsClientSession> firstOpen() {
        return firstOpen;
    }

    @Override
    public CompletableFuture<Void> sendText(CharSequence text) {
        String s = text.toString();
        WsClientSession session;
        synchronized (lock) {
            session = current;
            if (session == null) {
                return closedBy != null ? refusedClosed() : kept.keep(s, null, s.length());
            }
        }
        return session.sendText(s);
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        WsClientSession session;
        synchronized (lock) {
            session = current;
            if (session == null) {
                return closedBy != null ? refusedClosed() : kept.keep(null, data, data.remaining());
            }
        }
        return session.sendBinary(data);
    }

    @Override
    public CompletableFuture<WsCloseStatus> close(int code, String reason) {
        WsClientSession session;
        CompletableFuture<WsClientSession> opening;
        synchronized (lock) {
            if (closedBy != null) {
                return over;
            }
            closedBy = new WsCloseStatus(code, reason);
            session = current;
            opening = attempt;
            if (session == null && opening == null) {
                finish(closedBy, null); // waiting between attempts: nothing is connected
                return over;
            }
        }
        if (session != null) {
            session.close(code, reason); // its onClose then finishes the conversation

        } else {
            opening.cancel(true);
        }
        return over;
    }

    @Override
    public CompletableFuture<WsCloseStatus> closeFuture() {
        return over;
    }

    private static CompletableFuture<Void> refusedClosed() {
        return CompletableFuture.failedFuture(new IllegalStateException("the session is closed"));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // a listener failing between connections changes no decision already taken
        }
    }

    /** The listener of one attempt: forwards to the application's and reports the ends back. */
    private final class Attempt implements WsClientListener {
        private volatile boolean opened;

        @Override
        public void onOpen(WsClientSession session) {
            opened = true;
            synchronized (lock) {
                connects++;
                failedAttempts = 0;
            }
            // The hook runs first, so a resubscription goes out before any kept message.
            listener.onOpen(session);
            synchronized (lock) {
                if (closedBy != null) {
                    session.close(closedBy.code(), closedBy.reason());
                    return;
                }
                kept.sendAll(session);
                current = session;
            }
            firstOpen.complete(session);
        }

        @Override
        public void onText(WsClientSession session, String text) {
            listener.onText(session, text);
        }

        @Override
        public void onBinary(WsClientSession session, ByteBuffer data) {
            listener.onBinary(session, data);
        }

        @Override
        public void onTextFragment(WsClientSession session, String piece, boolean last) {
            listener.onTextFragment(session, piece, last);
        }

        @Override
        public void onBinaryFragment(WsClientSession session, ByteBuffer piece, boolean last) {
            listener.onBinaryFragment(session, piece, last);
        }

        @Override
        public void onPing(WsClientSession session, ByteBuffer payload) {
            listener.onPing(session, payload);
        }

        @Override
        public void onPong(WsClientSession session, ByteBuffer payload) {
            listener.onPong(session, payload);
        }

        @Override
        public void onError(WsClientSession session, Throwable error) {
            listener.onError(session, error);
        }

        @Override
        public void onClose(WsClientSession session, int code, String reason) {
            try {
                listener.onClose(session, code, reason);
            } finally {
                if (opened) {
                    ended(Disconnect.closed(new WsCloseStatus(code, reason)));
                }
            }
        }
    }
}
