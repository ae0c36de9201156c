package io.wsstack.bench.server.reactor;

import io.wsstack.bench.server.AdminPort;
import io.wsstack.bench.server.BootProperties;
import io.wsstack.bench.server.ServerArgs;
import io.wsstack.spring.WsHandler;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Ours on WebFlux: the wsstack starter in a reactive application on Reactor Netty, with the same
 * {@code @WsHandler} echo bean as the Tomcat server and the starter's defaults: handlers dispatched
 * off the event loop. {@link WsstackReactorNettyEventLoopServer} runs them on the loop. Only this
 * package is scanned.
 */
@SpringBootApplication
public class WsstackReactorNettyServer {

    /** Starts the application on the port given in {@code args}; the admin port opens once it is up. */
    public static void main(String[] args) throws Exception {
        start(args, false);
    }

    static void start(String[] args, boolean eventLoop) throws Exception {
        ServerArgs options = ServerArgs.parse(args);
        String[] properties = Stream.of(
                Arrays.stream(BootProperties.commandLine(options)),
                Stream.of("--ws.endpoints.echo.path=" + ServerArgs.PATH),
                eventLoop ? Stream.of("--ws.endpoints.echo.handler-dispatch=event-loop") : Stream.<String>empty())
                .flatMap(s -> s).toArray(String[]::new);
        new SpringApplicationBuilder(WsstackReactorNettyServer.class).web(WebApplicationType.REACTIVE).run(properties);
        AdminPort.open(options.adminPort());
    }

    /** Tomcat is on the bench's class path too (for the servlet servers): this factory makes Reactor Netty serve. */
    @Bean
    NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
        return new NettyReactiveWebServerFactory();
    }

    /** The echo endpoint: whatever arrives goes straight back as the same kind of message. */
    @Component
    static class Echo {

        @WsHandler("echo")
        String text(String message) {
            return message;
        }

        @WsHandler("echo")
        byte[] binary(byte[] message) {
            return message;
        }
    }
}
