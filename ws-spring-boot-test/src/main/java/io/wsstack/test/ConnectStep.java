package io.wsstack.test;

import io.wsstack.client.WsClient;
import io.wsstack.client.WsClientRequest;
import io.wsstack.client.WsClientSession;
import io.wsstack.core.handshake.HandshakeFailedException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A connection about to be opened: add headers and subprotocols, then {@link #open()} or {@link #expectRefused(int)}. */
public final class ConnectStep {

    private final WsClient client;
    private final URI uri;
    private final Duration timeout;
    private final JsonSupport json;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private final List<String> subprotocols = new ArrayList<>();

    ConnectStep(WsClient client, URI uri, Duration timeout, JsonSupport json) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
        this.json = json;
    }

    /** Adds a request header to the upgrade request. */
    public ConnectStep header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    /** Offers subprotocols, most preferred first. */
    public ConnectStep subprotocol(String... protocols) {
        subprotocols.addAll(List.of(protocols));
        return this;
    }

    /**
     * Opens the connection; fails with an {@link AssertionError} naming the URI and the server's answer
     * when the upgrade is refused or does not finish within the timeout.
     */
    public WsTestSession open() {
        WsTestSession session = new WsTestSession(uri, timeout, json);
        CompletableFuture<WsClientSession> opening = client.connect(uri, request(session));
        try {
            session.opened(opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            return session;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HandshakeFailedException refused && refused.status() > 0) {
                throw new AssertionError("Expected " + uri + " to accept the WebSocket upgrade, but it answered "
                        + refused.status() + " (" + refused.getMessage() + ")", cause);
            }
            throw new AssertionError("Expected to connect to " + uri + ", but the attempt failed: " + cause, cause);
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new AssertionError("Expected to connect to " + uri + " within " + WsTestSession.describe(timeout)
                    + ", but the upgrade did not complete");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while connecting to " + uri, e);
        }
    }

    /** Expects the server to refuse the upgrade with {@code status} (e.g. 403 for a rejected Origin). */
    public void expectRefused(int status) {
        CompletableFuture<WsClientSession> opening = client.connect(uri, request(new WsTestSession(uri, timeout, json)));
        try {
            WsClientSession session = opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            session.abort();
            throw new AssertionError("Expected " + uri + " to refuse the upgrade with " + status + ", but it accepted it"
                    + (session.subprotocol() != null ? " (subprotocol " + session.subprotocol() + ")" : ""));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            int actual = cause instanceof HandshakeFailedException refused ? refused.status() : -1;
            if (actual != status) {
                throw new AssertionError("Expected " + uri + " to refuse the upgrade with " + status + ", but "
                        + (actual > 0 ? "it answered " + actual : "the attempt failed: " + cause), cause);
            }
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new AssertionError("Expected " + uri + " to refuse the upgrade with " + status + " within "
                    + WsTestSession.describe(timeout) + ", but no answer came");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while connecting to " + uri, e);
        }
    }

    private WsClientRequest request(WsTestSession session) {
        WsClientRequest.Builder request = WsClientRequest.builder(session.listener()).subprotocols(subprotocols);
        headers.forEach(h -> request.header(h.getKey(), h.getValue()));
        return request.build();
    }
}
