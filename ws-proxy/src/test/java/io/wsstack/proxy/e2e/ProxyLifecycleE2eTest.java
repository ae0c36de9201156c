package io.wsstack.proxy.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Proxies started and stopped by the test itself: shutdown, and an upstream that never accepts. */
class ProxyLifecycleE2eTest {

    private static ConfigurableApplicationContext proxy(String... properties) {
        return new SpringApplicationBuilder(ProxyApp.class)
                .properties("server.port=0", "spring.main.banner-mode=off", "ws.defaults.close-timeout=2s")
                .properties(properties)
                .run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: shutting the proxy down closes the client and the upstream with 1001 (going away)")
    void shutdownGoesAway() throws Exception {
        ConfigurableApplicationContext context = proxy("ws.proxy.routes.echo.path=/echo/{room}",
                "ws.proxy.routes.echo.upstream=ws://127.0.0.1:" + EchoUpstream.port() + "/echo/{room}");
        try (JdkPeer client = JdkPeer.connect(URI.create("ws://localhost:" + port(context) + "/echo/shutdown"))) {
            client.ws().sendText("room?", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("shutdown");
            context.close();
            assertThat(client.closeCode()).isEqualTo(1001);
            assertThat(EchoUpstream.closeOf("shutdown").code()).isEqualTo(1001);
        } finally {
            context.close();
        }
    }

    @Test
    @DisplayName("An upstream whose accept queue is full never completes the TCP connection → 504 after connect-timeout")
    void connectTimeoutGives504() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = fillAcceptQueue(full.getLocalPort());
            ConfigurableApplicationContext context = proxy("ws.proxy.routes.slow.path=/slow",
                    "ws.proxy.routes.slow.upstream=ws://127.0.0.1:" + full.getLocalPort() + "/",
                    "ws.proxy.routes.slow.connect-timeout=500ms");
            try (RawPeer raw = RawPeer.connect(port(context), 0)) {
                RawPeer.Head head = raw.request(RawPeer.upgrade("GET", port(context), "/slow", RawPeer.valid()));
                assertThat(head.status()).isEqualTo(504);
                assertThat(head.header("connection")).isEqualTo("close");
            } finally {
                context.close();
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    /** Connects until a connection attempt times out: the listener's accept queue is then full and drops SYNs. */
    private static List<Socket> fillAcceptQueue(int port) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
                sockets.add(socket);
            } catch (SocketTimeoutException e) {
                socket.close();
                return sockets;
            }
        }
        throw new IllegalStateException("the accept queue never filled; cannot provoke a connect timeout here");
    }
}
