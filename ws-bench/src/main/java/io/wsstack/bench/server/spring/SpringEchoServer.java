package io.wsstack.bench.server.spring;

import io.wsstack.bench.server.AdminPort;
import io.wsstack.bench.server.BootProperties;
import io.wsstack.bench.server.ServerArgs;
import io.wsstack.bench.server.TomcatContainer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Peer: Spring's WebSocket support ({@code spring-boot-starter-websocket}) on embedded Tomcat,
 * the stack most Spring Boot applications use today. Tomcat negotiates permessage-deflate whenever
 * the client offers it. Only this package is scanned, so the other servers' classes stay out.
 */
@SpringBootApplication
@EnableWebSocket
public class SpringEchoServer implements WebSocketConfigurer {

    /** Twice the largest benchmark message (16 KiB). */
    static final int TOMCAT_BUFFER = 32 * 1024;

    /** Starts the application on the port given in {@code args}; the admin port opens once it is up. */
    public static void main(String[] args) throws Exception {
        ServerArgs options = ServerArgs.parse(args);
        // Our starter shares the class path; switch it off so this is Spring's stack alone.
        String[] properties = Stream.concat(Arrays.stream(BootProperties.commandLine(options)),
                Stream.of("--ws.enabled=false")).toArray(String[]::new);
        // Tomcat, explicitly: Jetty is on the harness's class path too (for ours on Jetty).
        ConfigurableApplicationContext context =
                SpringApplication.run(new Class<?>[] {SpringEchoServer.class, TomcatContainer.class}, properties);
        System.out.println("Spring WebSocket echo server on "
                + ((WebServerApplicationContext) context).getWebServer().getClass().getSimpleName());
        AdminPort.open(options.adminPort());
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // The standard (JSR-356) upgrade that Tomcat serves: Spring would otherwise pick its Jetty
        // strategy, because Jetty's WebSocket classes are on the harness's shared class path.
        registry.addHandler(new Echo(), ServerArgs.PATH)
                .setHandshakeHandler(new DefaultHandshakeHandler(new StandardWebSocketUpgradeStrategy()));
    }

    /**
     * Tomcat's default text and binary buffers are 8 KiB, smaller than the 16 KiB benchmark message.
     * Tomcat allocates both buffers for every session up front, so they are set just above the
     * largest benchmark message rather than to the 1 MiB the other servers accept: with 1 MiB each,
     * an idle session would hold about 3 MiB of heap.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TOMCAT_BUFFER);
        container.setMaxBinaryMessageBufferSize(TOMCAT_BUFFER);
        return container;
    }

    /** Sends every text and binary message back on the same session. */
    static final class Echo extends AbstractWebSocketHandler {

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
            session.sendMessage(message);
        }

        @Override
        protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
            session.sendMessage(message);
        }
    }
}
