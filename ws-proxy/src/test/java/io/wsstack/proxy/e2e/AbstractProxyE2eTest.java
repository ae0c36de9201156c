package io.wsstack.proxy.e2e;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * The proxy on a real port with its upstreams: our own starter echo app, the Node {@code ws} echo
 * server and raw stubs. Every test class shares one proxy context and one set of upstreams.
 *
 * <p>Routes: {@code /echo/{room}} → the echo app; {@code /node} → Node ws; {@code /stub/{mode}} →
 * a stub (forwards Authorization and X-Api); {@code /plain/{mode}} → the stub with the default
 * forward-headers; {@code /flood/{mode}} → the same stub with a long send
 * timeout; {@code /down} → a closed port; {@code /open/{room}} → the echo app, any origin;
 * {@code /secure/{room}} → the echo app over TLS, trusted through an SSL bundle;
 * {@code /untrusted/{room}} → the same without the bundle.
 */
@SpringBootTest(classes = ProxyApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractProxyE2eTest {

    static final StubUpstream STUB;
    static final ServerSocket REDIRECT_TARGET;
    static final int CLOSED_PORT;

    static {
        try {
            REDIRECT_TARGET = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            STUB = new StubUpstream(REDIRECT_TARGET.getLocalPort());
            try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                CLOSED_PORT = closed.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("ws.defaults.handshake-timeout", () -> "2s");
        registry.add("ws.defaults.close-timeout", () -> "2s");
        registry.add("ws.defaults.max-send-buffer", () -> "256KB");
        registry.add("ws.defaults.max-message-size", () -> "2MB");
        registry.add("ws.defaults.max-frame-size", () -> "2MB");
        registry.add("ws.proxy.routes.echo.path", () -> "/echo/{room}");
        registry.add("ws.proxy.routes.echo.upstream", () -> "ws://127.0.0.1:" + EchoUpstream.port() + "/echo/{room}");
        registry.add("ws.proxy.routes.open.path", () -> "/open/{room}");
        registry.add("ws.proxy.routes.open.upstream", () -> "ws://127.0.0.1:" + EchoUpstream.port() + "/echo/{room}");
        registry.add("ws.proxy.routes.open.allowed-origins", () -> "*");
        registry.add("ws.proxy.routes.node.path", () -> "/node");
        registry.add("ws.proxy.routes.node.upstream", () -> "ws://127.0.0.1:" + NodeUpstream.port() + "/");
        registry.add("ws.proxy.routes.stub.path", () -> "/stub/{mode}");
        registry.add("ws.proxy.routes.stub.upstream", () -> "ws://127.0.0.1:" + STUB.port() + "/{mode}");
        registry.add("ws.proxy.routes.stub.forward-headers", () -> "User-Agent,Authorization,X-Api,X-Hop");
        registry.add("ws.proxy.routes.stub.send-timeout", () -> "1s");
        registry.add("ws.proxy.routes.plain.path", () -> "/plain/{mode}");
        registry.add("ws.proxy.routes.plain.upstream", () -> "ws://127.0.0.1:" + STUB.port() + "/{mode}");
        registry.add("ws.proxy.routes.flood.path", () -> "/flood/{mode}");
        registry.add("ws.proxy.routes.flood.upstream", () -> "ws://127.0.0.1:" + STUB.port() + "/{mode}");
        registry.add("ws.proxy.routes.flood.send-timeout", () -> "30s");
        registry.add("ws.proxy.routes.secure.path", () -> "/secure/{room}");
        registry.add("ws.proxy.routes.secure.upstream", () -> "wss://localhost:" + EchoUpstream.tlsPort() + "/echo/{room}");
        registry.add("ws.proxy.routes.secure.ssl-bundle", () -> "upstream");
        registry.add("spring.ssl.bundle.jks.upstream.truststore.location", () -> "file:" + TestCertificate.store());
        registry.add("spring.ssl.bundle.jks.upstream.truststore.password", () -> TestCertificate.PASSWORD);
        registry.add("spring.ssl.bundle.jks.upstream.truststore.type", () -> "PKCS12");
        registry.add("ws.proxy.routes.untrusted.path", () -> "/untrusted/{room}");
        registry.add("ws.proxy.routes.untrusted.upstream", () -> "wss://localhost:" + EchoUpstream.tlsPort() + "/echo/{room}");
        registry.add("ws.proxy.routes.down.path", () -> "/down");
        registry.add("ws.proxy.routes.down.upstream", () -> "ws://127.0.0.1:" + CLOSED_PORT + "/");
    }

    URI uri(String path) {
        return URI.create("ws://localhost:" + port + path);
    }
}
