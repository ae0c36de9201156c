package io.wsstack.client;

import io.wsstack.core.handshake.HandshakeFailedException;
import io.wsstack.core.handshake.HandshakeRequest;
import io.wsstack.core.handshake.HttpHeaders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.wsstack.client.RecordingListener.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redirect answers to the upgrade (RFC 6455 §4.1 allows following them; RFC 9110 §15.4): followed only
 * when asked, at most N times, never from wss to ws, and credentials stay with their origin.
 */
class RedirectTest {


    /** Every request head a server saw, and what path it came for. */
    private final List<HttpHeaders> seen = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    /** Answers 101 and then holds the connection until the client closes it. */
    private RawServer.Script accepting() {
        return socket -> {
            HandshakeRequest request = RawServer.readRequest(socket.getInputStream());
            seen.add(request.headers());
            paths.add(request.requestTarget());
            socket.getOutputStream().write(RawServer.switching(RawServer.acceptFor(request), ""));
            drain(socket);
        };
    }

    /** Answers {@code status} with this Location for /start, and 101 for anything else. */
    private RawServer.Script redirecting(int status, String location) {
        return socket -> {
            HandshakeRequest request = RawServer.readRequest(socket.getInputStream());
            if (!request.requestTarget().equals("/start")) {
                seen.add(request.headers());
                paths.add(request.requestTarget());
                socket.getOutputStream().write(RawServer.switching(RawServer.acceptFor(request), ""));
                drain(socket);
                return;
            }
            redirect(socket.getOutputStream(), status, location);
        };
    }

    private static void redirect(OutputStream out, int status, String location) throws IOException {
        out.write(("HTTP/1.1 " + status + " Moved\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static WsClientRequest withCredentials() {
        return WsClientRequest.builder(new RecordingListener()).header("Authorization", "Bearer t0ken")
                .header("Cookie", "sid=42").header("X-Trace", "abc").build();
    }

    @Test
    @DisplayName("RFC 6455 §4.1: by default a 302 is not followed; the failure carries the status and the Location")
    void notFollowedByDefault() throws Exception {
        try (RawServer server = new RawServer(redirecting(302, "/elsewhere")); WsClient client = WsClient.builder().build()) {
            assertThatThrownBy(() -> client.connect(server.uri("/start"), withCredentials()).get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.status()).isEqualTo(302);
                        assertThat(e.headers().first("Location")).isEqualTo("/elsewhere");
                    });
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("RFC 9110 §15.4.8: a same-origin 307 is followed with every header, credentials included")
    void sameOriginKeepsCredentials() throws Exception {
        try (RawServer server = new RawServer(redirecting(307, "/moved?x=1"));
                WsClient client = WsClient.builder().followRedirects(3).build()) {
            WsClientSession session = client.connect(server.uri("/start"), withCredentials()).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(session.uri()).isEqualTo(server.uri("/moved?x=1"));
            assertThat(paths).containsExactly("/moved?x=1");
            assertThat(seen.get(0).first("Authorization")).isEqualTo("Bearer t0ken");
            assertThat(seen.get(0).first("Cookie")).isEqualTo("sid=42");
            session.abort();
        }
    }

    @Test
    @DisplayName("RFC 9110 §15.4: to another host, Authorization and Cookie are dropped; other headers still go")
    void otherHostGetsNoCredentials() throws Exception {
        try (RawServer target = new RawServer(accepting())) {
            String elsewhere = "ws://localhost:" + target.uri("/").getPort() + "/landing"; // localhost ≠ 127.0.0.1
            try (RawServer origin = new RawServer(redirecting(301, elsewhere));
                    WsClient client = WsClient.builder().followRedirects(1).build()) {
                WsClientSession session = client.connect(origin.uri("/start"), withCredentials()).get(WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(session.uri()).isEqualTo(URI.create(elsewhere));
                assertThat(seen).singleElement().satisfies(headers -> {
                    assertThat(headers.first("Authorization")).isNull();
                    assertThat(headers.first("Cookie")).isNull();
                    assertThat(headers.first("X-Trace")).isEqualTo("abc");
                });
                session.abort();
            }
        }
    }

    @Test
    @DisplayName("at most N redirects are followed; the next one fails with RedirectException")
    void redirectLimit() throws Exception {
        try (RawServer server = new RawServer(redirecting(302, "/start")); WsClient client = WsClient.builder().followRedirects(2).build()) {
            assertThatThrownBy(() -> client.connect(server.uri("/start"), withCredentials()).get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(RedirectException.class, e -> assertThat(e.status()).isEqualTo(302))
                    .hasMessageContaining("more often than the client follows");
            assertThat(server.connections()).isEqualTo(3); // the first request and two followed redirects
        }
    }

    @Test
    @DisplayName("RFC 6455 §10.6: a redirect from wss to ws is refused; nothing is sent in clear text")
    void noDowngrade() throws Exception {
        try (TlsEchoServer tls = TlsEchoServer.start(); RawServer plain = new RawServer(accepting());
                WsClient client = WsClient.builder().sslContext(tls.clientContext()).followRedirects(5).build()) {
            tls.redirectTo = plain.uri("/clear").toString();
            URI secure = tls.uri("/start");
            assertThatThrownBy(() -> client.connect(secure, withCredentials()).get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(RedirectException.class, e -> assertThat(e.location()).isEqualTo(plain.uri("/clear")))
                    .hasMessageContaining("from wss to ws");
            assertThat(plain.connections()).isZero();
        }
    }

    @Test
    @DisplayName("a redirect without a usable Location fails clearly")
    void missingLocation() throws Exception {
        try (RawServer server = new RawServer(redirecting(302, "ftp://files.example/x"));
                WsClient client = WsClient.builder().followRedirects(2).build()) {
            assertThatThrownBy(() -> client.connect(server.uri("/start"), withCredentials()).get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(RedirectException.class)
                    .hasMessageContaining("without a valid ws, wss, http or https Location");
        }
    }

    /** Holds the connection open until the client closes or aborts it. */
    private static void drain(Socket socket) {
        try {
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the client aborted; nothing to check here
        }
    }
}
