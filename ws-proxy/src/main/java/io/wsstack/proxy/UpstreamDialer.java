package io.wsstack.proxy;

import io.wsstack.client.WsClient;
import io.wsstack.client.WsClientRequest;
import io.wsstack.client.WsClientSession;
import io.wsstack.core.deflate.DeflateNegotiationException;
import io.wsstack.core.handshake.HandshakeFailedException;
import io.wsstack.core.handshake.HttpHeaders;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens the proxy's own WebSocket connections (client role, RFC 6455 §4.1) to one route's upstream,
 * with a {@link WsClient} configured for the route: its connect and handshake deadlines, the same
 * frame and message limits, keep-alive, close timeout and send buffer as the client hop, and this
 * hop's own permessage-deflate offer.
 *
 * <p>Every failure becomes an {@link UpstreamRefusedException} carrying the status for the client:
 * the upstream's 4xx or 5xx as it is (a non-101 answer is not an upgrade, so nothing is tunnelled);
 * 502 when the upstream cannot be reached, redirects (redirects are never followed, so the request
 * and its credentials never go to another host), or answers 101 without {@code Upgrade: websocket},
 * with a wrong {@code Sec-WebSocket-Accept}, or with an extension or subprotocol that was not offered;
 * 504 when connecting or the answer takes longer than its deadline. The refusal texts, which the
 * client sees, never name the upstream.
 */
final class UpstreamDialer implements AutoCloseable {

    private final WsClient client;
    private final Duration deadline;

    UpstreamDialer(WsClient client, Duration connectTimeout, Duration handshakeTimeout) {
        this.client = client;
        // Both deadlines are enforced by the client; this bound only guards against a lost completion.
        this.deadline = connectTimeout.plus(handshakeTimeout).plusSeconds(5);
    }

    /**
     * Starts connecting and the opening handshake, without blocking: the stage completes with the
     * upstream session, or fails with an {@link UpstreamRefusedException} saying how to answer the
     * client (its status), at the latest after the connect plus handshake deadlines.
     *
     * @param uri          the upstream URI
     * @param subprotocols the client's subprotocols, offered in the client's order
     * @param headers      further request headers (already filtered)
     * @param leg          hears the upstream session
     */
    CompletableFuture<WsClientSession> connect(URI uri, List<String> subprotocols, HttpHeaders headers,
                                               UpstreamLeg leg) {
        WsClientRequest.Builder request = WsClientRequest.builder(leg).subprotocols(subprotocols);
        headers.forEach(request::header);
        CompletableFuture<WsClientSession> opening;
        try {
            opening = client.connect(uri, request.build());
        } catch (IllegalArgumentException e) {
            // Only the client's own values (path variables, query, header values) can make the request
            // invalid. The detail names the upstream, so it stays out of the answer.
            return CompletableFuture.failedFuture(new UpstreamRefusedException(400, "the request cannot be forwarded"));
        }
        CompletableFuture<WsClientSession> answered = new CompletableFuture<>();
        opening.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).whenComplete((session, failure) -> {
            if (failure == null) {
                answered.complete(session);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof TimeoutException || cause instanceof CancellationException) {
                opening.cancel(true);
                answered.completeExceptionally(new UpstreamRefusedException(UpstreamRefusedException.GATEWAY_TIMEOUT,
                        "the upstream did not answer in time"));
            } else {
                answered.completeExceptionally(refusal(cause));
            }
        });
        return answered;
    }

    private static UpstreamRefusedException refusal(Throwable cause) {
        if (cause instanceof HandshakeFailedException failed) {
            int status = failed.status();
            if (failed.reason() == HandshakeFailedException.Reason.NOT_101 && status >= 400 && status <= 599) {
                return new UpstreamRefusedException(status, "the upstream answered " + status);
            }
            return new UpstreamRefusedException(UpstreamRefusedException.BAD_GATEWAY,
                    failed.reason() == HandshakeFailedException.Reason.NOT_101
                            ? "the upstream answered " + status + " instead of 101; redirects are not followed"
                            : "the upstream's answer is not a valid upgrade (RFC 6455 §4.1)");
        }
        if (cause instanceof DeflateNegotiationException) {
            return new UpstreamRefusedException(UpstreamRefusedException.BAD_GATEWAY,
                    "the upstream's permessage-deflate answer is not acceptable (RFC 7692 §5)");
        }
        if (cause instanceof SocketTimeoutException) {
            return new UpstreamRefusedException(UpstreamRefusedException.GATEWAY_TIMEOUT,
                    "the upstream did not accept the connection or answer the upgrade in time");
        }
        return new UpstreamRefusedException(UpstreamRefusedException.BAD_GATEWAY, "the upstream cannot be reached");
    }

    /**
     * Waits until every upstream connection has ended, at most until {@code deadlineNanos}
     * ({@link System#nanoTime()}); on shutdown their clients are being closed with 1001, which closes
     * them in turn, and a closing handshake should finish rather than be cut.
     */
    void awaitIdle(long deadlineNanos) throws InterruptedException {
        while (client.sessionCount() > 0 && System.nanoTime() < deadlineNanos) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Aborts every upstream connection still open and stops the client's timer thread. */
    @Override
    public void close() {
        client.close();
    }
}
