package io.wsstack.conformance.fault;

import io.wsstack.conformance.target.EngineEchoServer;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.deflate.DeflateOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The fault tests against the engine echo server: 64 KiB frames, 1 MiB messages, 1000 fragments,
 * writes abandoned after 1 s, handshakes dropped after 1 s. Without a servlet container these
 * show what the engine itself guarantees (close codes, released zlib streams, no allocation from
 * declared lengths); the transport-level timeouts here are the harness's own.
 */
class EngineFaultTests extends FaultCases {

    private static EngineEchoServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new EngineEchoServer(ConnectionSettings.builder().maxFrameSize(64 * 1024).maxMessageSize(1 << 20)
                .maxFragments(1000).build(), DeflateOptions.defaults(), 1_000, 1_000);
    }

    @AfterAll
    static void stop() throws IOException {
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
                ResourceSnapshot.await(() -> server.liveConnections() == 0, "engine echo server idle");
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
        };
    }

    @Override
    int slowHandshakeByteIntervalMillis() {
        return 50;
    }
}
