package io.wsstack.conformance.fault;

import io.wsstack.conformance.target.StarterEchoTarget;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The fault tests against the starter's echo endpoint in a servlet container, with small limits and
 * short timeouts: 64 KiB frames, 1 MiB messages, 1000 fragments, a 256 KiB send buffer that closes
 * the session when exceeded, a 1 s close timeout.
 *
 * <p>The slow handshake is sent one byte per second, as in the issue. Before the upgrade the
 * request belongs to the container, which only times out a read that waits longer than its
 * connection timeout (500 ms here): a head that trickles in faster than that is read to the end
 * (or to the header size cap), and the starter's {@code ws.*.handshake-timeout} cannot help, since
 * no WebSocket code runs before the head is complete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StarterFaultCases extends FaultCases {

    private StarterEchoTarget server;

    /** The container to run in. */
    abstract StarterEchoTarget.Container container();

    /** The container's own setting for how long one read of the request head may wait. */
    abstract Map<String, Object> connectionTimeout500ms();

    @BeforeAll
    void start() {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "ws.endpoints.echo.max-frame-size", "64KB",
                "ws.endpoints.echo.max-message-size", "1MB",
                "ws.endpoints.echo.max-fragments", 1000,
                "ws.endpoints.echo.max-send-buffer", "256KB",
                "ws.endpoints.echo.close-timeout", "1s"));
        properties.putAll(connectionTimeout500ms());
        server = StarterEchoTarget.start(container(), properties);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Override
    FaultTarget target() {
        return new FaultTarget() {
            @Override
            public int maxFragments() {
                return 1000;
            }

            @Override
            public long maxMessageSize() {
                return 1 << 20;
            }

            @Override
            public void awaitIdle() throws InterruptedException {
                ResourceSnapshot.await(() -> server.openSessions() == 0, "starter without open sessions");
            }

            @Override
            public String name() {
                return server.name();
            }

            @Override
            public InetSocketAddress address() {
                return server.address();
            }

            @Override
            public String path() {
                return server.path();
            }

            @Override
            public String extraRequestHeaders() {
                return server.extraRequestHeaders();
            }
        };
    }

    @Override
    int slowHandshakeByteIntervalMillis() {
        return 1000;
    }
}
