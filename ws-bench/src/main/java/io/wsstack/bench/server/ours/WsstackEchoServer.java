package io.wsstack.bench.server.ours;

import io.wsstack.bench.server.AdminPort;
import io.wsstack.bench.server.BootProperties;
import io.wsstack.bench.server.ServerArgs;
import io.wsstack.spring.WsHandler;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * Ours: the wsstack starter on embedded Tomcat (the servlet upgrade transport), with one
 * {@code @WsHandler} bean echoing text and binary messages. Everything is the starter's default
 * (permessage-deflate on, dedicated mode, 1 MiB limits) except the endpoint's path.
 * Only this package is scanned.
 */
@SpringBootApplication
public class WsstackEchoServer {

    /** Starts the application on the port given in {@code args}; the admin port opens once it is up. */
    public static void main(String[] args) throws Exception {
        ServerArgs options = ServerArgs.parse(args);
        // Arguments after the port are more properties, e.g. --ws.deflate.preset=dedicated-3kb.
        String[] properties = Stream.of(Arrays.stream(BootProperties.commandLine(options)),
                Stream.of("--ws.endpoints.echo.path=" + ServerArgs.PATH), Arrays.stream(args).skip(1))
                .flatMap(s -> s).toArray(String[]::new);
        SpringApplication.run(WsstackEchoServer.class, properties);
        AdminPort.open(options.adminPort());
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
