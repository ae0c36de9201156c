package io.wsstack.test;

import io.wsstack.client.WsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A WebSocket client for tests of an application's endpoints. In a
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} (or {@code DEFINED_PORT}) test it is a bean,
 * ready to reach the application's own port:
 *
 * <pre>{@code
 * @Autowired WsTestClient ws;
 *
 * @Test
 * void echoes() {
 *     try (WsTestSession chat = ws.connect("/chat").header("Authorization", "Bearer t").subprotocol("chat.v1").open()) {
 *         chat.sendText("hello").expectText("hello");
 *         chat.sendJson(new Join("room-1")).expectJson(Joined.class, joined -> assertThat(joined.members()).isPositive());
 *         chat.sendText("bye").expectClose(1000);
 *     }
 * }
 * }</pre>
 *
 * Every step waits at most {@link #timeout(Duration) the timeout} (5 s by default) and fails with an
 * {@link AssertionError} that says what was expected, what arrived instead, and what else arrived.
 * Outside Spring, {@link #create(URI)} makes one for any server.
 */
public final class WsTestClient implements AutoCloseable {

    private final Supplier<URI> base;
    private final Duration timeout;
    private final JsonSupport json;
    private final WsClient client;
    private final boolean ownsClient;

    WsTestClient(Supplier<URI> base, Duration timeout, JsonSupport json, WsClient client, boolean ownsClient) {
        this.base = base;
        this.timeout = timeout;
        this.json = json;
        this.client = client;
        this.ownsClient = ownsClient;
    }

    /** A client whose paths are resolved against {@code base}, e.g. {@code ws://localhost:8080}. */
    public static WsTestClient create(URI base) {
        Objects.requireNonNull(base, "base");
        return new WsTestClient(() -> base, Duration.ofSeconds(5), JsonSupport.detect(null), newClient(), true);
    }

    static WsClient newClient() {
        return WsClient.builder().connectTimeout(Duration.ofSeconds(5)).handshakeTimeout(Duration.ofSeconds(5))
                .closeTimeout(Duration.ofSeconds(5)).build();
    }

    /** The same client, with {@code timeout} for every step of the sessions it opens. */
    public WsTestClient timeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new WsTestClient(base, timeout, json, client, false);
    }

    /** Starts a connection to {@code path} (with its query, if any), relative to the application's base URI. */
    public ConnectStep connect(String path) {
        Objects.requireNonNull(path, "path");
        URI target = path.startsWith("ws://") || path.startsWith("wss://") ? URI.create(path)
                : URI.create(base.get().toString().replaceAll("/$", "") + (path.startsWith("/") ? path : "/" + path));
        return new ConnectStep(client, target, timeout, json);
    }

    /** Connects to {@code path} with no headers or subprotocols; see {@link #connect(String)}. */
    public WsTestSession open(String path) {
        return connect(path).open();
    }

    /** The base URI paths are resolved against. */
    public URI baseUri() {
        return base.get();
    }

    /** Closes the underlying client, aborting any session still open. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
