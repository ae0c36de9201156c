package io.wsstack.proxy.e2e;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.PathVar;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsOnClose;
import io.wsstack.spring.WsSession;
import jakarta.servlet.http.HttpServlet;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Upstream (a): an application of our own starter on its own port, echoing on
 * {@code /echo/{room}} with subprotocol {@code chat.v2}. Text commands: {@code room?} answers the
 * path variable, {@code close:<code>} closes the session with that code and reason "bye". How each
 * room's session ended is recorded, to see what the proxy told the upstream.
 */
final class EchoUpstream {

    /** How the upstream's sessions ended, by room. */
    private static final Map<String, CompletableFuture<WsCloseStatus>> CLOSES = new ConcurrentHashMap<>();

    private static ConfigurableApplicationContext context;
    private static ConfigurableApplicationContext tlsContext;

    private EchoUpstream() {
    }

    /** How the upstream session of {@code room} ended; waits up to 10 s. */
    static WsCloseStatus closeOf(String room) throws Exception {
        return closeFuture(room).get(10, TimeUnit.SECONDS);
    }

    private static CompletableFuture<WsCloseStatus> closeFuture(String room) {
        return CLOSES.computeIfAbsent(room, r -> new CompletableFuture<>());
    }

    /** Starts the application once per JVM and returns its port. */
    static synchronized int port() {
        if (context == null) {
            context = start();
        }
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts a second instance serving TLS with {@link TestCertificate} once per JVM, and returns its port. */
    static synchronized int tlsPort() {
        if (tlsContext == null) {
            tlsContext = start("server.ssl.key-store=file:" + TestCertificate.store(),
                    "server.ssl.key-store-password=" + TestCertificate.PASSWORD, "server.ssl.key-store-type=PKCS12");
        }
        return ((WebServerApplicationContext) tlsContext).getWebServer().getPort();
    }

    private static ConfigurableApplicationContext start(String... more) {
        return new SpringApplicationBuilder(App.class)
                .properties("server.port=0", "spring.main.banner-mode=off",
                        "ws.endpoints.echo.path=/echo/{room}", "ws.endpoints.echo.subprotocols=chat.v2",
                        "ws.defaults.max-message-size=4MB", "ws.defaults.max-frame-size=4MB")
                .properties(more)
                .run();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {

        @Bean
        Echo echo() {
            return new Echo();
        }

        /** A servlet behind the handshake filter, as every web application has. */
        @Bean
        ServletRegistrationBean<HttpServlet> fallbackServlet() {
            return new ServletRegistrationBean<>(new HttpServlet() { }, "/");
        }
    }

    static class Echo {

        @WsHandler("echo")
        String text(String text, @PathVar("room") String room, WsSession session) {
            if (text.equals("room?")) {
                return room;
            }
            if (text.startsWith("close:")) {
                session.close(new WsCloseStatus(Integer.parseInt(text.substring(6)), "bye"));
                return null;
            }
            return text;
        }

        @WsHandler("echo")
        ByteBuffer binary(ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            return copy;
        }

        @WsOnClose("echo")
        void closed(WsCloseStatus status, @PathVar("room") String room) {
            closeFuture(room).complete(status);
        }
    }
}
