package io.wsstack.bench.server.ours;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.bench.server.AdminPort;
import io.wsstack.bench.server.BootProperties;
import io.wsstack.bench.server.JettyContainer;
import io.wsstack.bench.server.TomcatContainer;
import io.wsstack.bench.server.ServerArgs;
import io.wsstack.spring.WsHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Ours: the wsstack starter with one {@code @WsHandler} bean echoing text and binary messages, set
 * up as the sample application is: Actuator on the class path with a Prometheus registry, so every
 * {@code ws.*} meter is bound per endpoint and recorded. Everything else is the starter's default
 * (permessage-deflate on, dedicated mode, 1 MiB limits) except the endpoint's path.
 *
 * <p>Options after the port:
 * <ul>
 *   <li>{@code tomcat} (default) or {@code jetty}: the embedded container, chosen explicitly with
 *       {@link TomcatContainer} or {@link JettyContainer}; on Jetty 12.1 the starter upgrades
 *       through Jetty's own connection API;</li>
 *   <li>{@code meters} (default) or {@code no-meters}: the latter excludes only our meter binding
 *       ({@code WsMetricsAutoConfiguration}); Actuator and its registry stay, so the difference
 *       between the two is what our meters cost per message;</li>
 *   <li>any argument starting with {@code --} is passed through as a Spring property, e.g.
 *       {@code --ws.deflate.preset=dedicated-3kb} (the deflate preset measurements).</li>
 * </ul>
 * Only this package is scanned.
 */
@SpringBootApplication
public class WsstackEchoServer {

    /** Our meter binding, excluded by {@code no-meters}. */
    static final String METERS_AUTO_CONFIGURATION = "io.wsstack.autoconfigure.metrics.WsMetricsAutoConfiguration";

    /** Starts the application on the port given in {@code args}; the admin port opens once it is up. */
    public static void main(String[] args) throws Exception {
        ServerArgs options = ServerArgs.parse(args);
        List<String> properties = new ArrayList<>(Arrays.asList(BootProperties.commandLine(options)));
        properties.add("--ws.endpoints.echo.path=" + ServerArgs.PATH);
        properties.add("--management.endpoints.web.exposure.include=health,ws,metrics,prometheus");
        if (options.has("no-meters")) {
            properties.add("--spring.autoconfigure.exclude=" + METERS_AUTO_CONFIGURATION);
        }
        // Arguments starting with "--" are more properties, e.g. --ws.deflate.preset=dedicated-3kb.
        properties.addAll(options.springProperties());
        Class<?> container = options.has("jetty") ? JettyContainer.class : TomcatContainer.class;
        ConfigurableApplicationContext context =
                new SpringApplication(WsstackEchoServer.class, container).run(properties.toArray(String[]::new));
        // The log says which container really serves and whether our meters are bound, so a run whose
        // setup silently differed from its label shows it.
        System.out.println("wsstack echo server on "
                + ((WebServerApplicationContext) context).getWebServer().getClass().getSimpleName()
                + ", ws.* meters registered at start: " + wsMeters(context));
        AdminPort.open(options.adminPort());
    }

    private static long wsMeters(ConfigurableApplicationContext context) {
        MeterRegistry registry = context.getBeanProvider(MeterRegistry.class).getIfAvailable();
        return registry == null ? 0 : registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("ws.")).count();
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
