package io.wsstack.client;

import io.wsstack.core.handshake.HandshakeFailedException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * Follows redirect answers to the upgrade (RFC 9110 §15.4) when the client is built to. RFC 6455 §4.1
 * lets a client follow them; the rules that keep it safe: at most {@code max} of them, never from
 * {@code wss} to {@code ws}, and {@code Authorization} and {@code Cookie} go only to the origin they
 * were given for (same scheme, host and port), as browsers and HTTP clients do.
 */
final class Redirects {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private Redirects() {
    }

    /**
     * Opens {@code uri} with {@code open}, following up to {@code max} redirects. Cancelling the returned
     * future cancels the attempt in flight.
     */
    static CompletableFuture<WsClientSession> follow(URI uri, WsClientRequest request, int max,
            BiFunction<URI, WsClientRequest, CompletableFuture<WsClientSession>> open) {
        CompletableFuture<WsClientSession> result = new CompletableFuture<>();
        attempt(uri, request, max, open, result);
        return result;
    }

    private static void attempt(URI uri, WsClientRequest request, int left,
            BiFunction<URI, WsClientRequest, CompletableFuture<WsClientSession>> open,
            CompletableFuture<WsClientSession> result) {
        CompletableFuture<WsClientSession> current;
        try {
            current = open.apply(uri, request);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        result.whenComplete((s, f) -> {
            if (result.isCancelled()) {
                current.cancel(true);
            }
        });
        current.whenComplete((session, failure) -> {
            if (failure == null) {
                if (!result.complete(session)) {
                    session.abort();
                }
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (!(cause instanceof HandshakeFailedException refused) || !isRedirect(refused)) {
                result.completeExceptionally(cause);
                return;
            }
            int status = refused.status();
            if (left == 0) {
                result.completeExceptionally(new RedirectException(status, location(uri, refused),
                        "the server redirected (" + status + ") more often than the client follows"));
                return;
            }
            URI target = location(uri, refused);
            if (target == null) {
                result.completeExceptionally(new RedirectException(status, null, "the server redirected (" + status
                        + ") without a valid ws, wss, http or https Location"));
                return;
            }
            if (isSecure(uri) && !isSecure(target)) {
                result.completeExceptionally(new RedirectException(status, target,
                        "the server redirected (" + status + ") from wss to ws; a secure connection is never downgraded"));
                return;
            }
            attempt(target, sameOrigin(uri, target) ? request : withoutCredentials(request), left - 1, open, result);
        });
    }

    private static boolean isRedirect(HandshakeFailedException refused) {
        return refused.reason() == HandshakeFailedException.Reason.NOT_101 && REDIRECTS.contains(refused.status());
    }

    /** The Location resolved against the current URI, with http(s) mapped to ws(s), or null when unusable. */
    static URI location(URI current, HandshakeFailedException refused) {
        String value = refused.headers() == null ? null : refused.headers().first("Location");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI resolved = current.resolve(new URI(value.trim()));
            String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
            String mapped = switch (scheme) {
                case "ws", "http" -> "ws";
                case "wss", "https" -> "wss";
                default -> null;
            };
            if (mapped == null || resolved.getHost() == null) {
                return null;
            }
            // The fragment never goes on the wire (RFC 6455 §3); user info is not allowed in ws URIs.
            return new URI(mapped, null, resolved.getHost(), resolved.getPort(), resolved.getRawPath().isEmpty() ? "/"
                    : resolved.getPath(), resolved.getQuery(), null);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isSecure(URI uri) {
        return SocketConnector.isSecure(uri);
    }

    /** Same scheme, host (case-insensitive) and effective port. */
    static boolean sameOrigin(URI a, URI b) {
        return isSecure(a) == isSecure(b) && a.getHost().equalsIgnoreCase(b.getHost())
                && SocketConnector.port(a) == SocketConnector.port(b);
    }

    /** The request without the headers that carry credentials: they belong to the origin they were set for. */
    static WsClientRequest withoutCredentials(WsClientRequest request) {
        WsClientRequest.Builder copy = WsClientRequest.builder(request.listener()).subprotocols(request.subprotocols());
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!Objects.equals(name, "authorization") && !Objects.equals(name, "cookie")
                    && !Objects.equals(name, "proxy-authorization")) {
                copy.header(header.getKey(), header.getValue());
            }
        }
        return copy.build();
    }
}
