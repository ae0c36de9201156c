package io.wsstack.conformance.target;

import io.wsstack.conformance.wire.Frame;
import io.wsstack.conformance.wire.RawClient;
import io.wsstack.spring.WsSessionRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter's echo endpoint served through the servlet upgrade transport by Tomcat (Spring Boot's
 * default servlet container) or Jetty 12.1, on a random port: {@code ws.endpoints.echo.path=/echo}
 * and an {@code @WsHandler("echo")} bean, as a user would write it.
 */
public final class StarterEchoTarget implements EchoTarget, AutoCloseable {

    /** The servlet containers the starter supports. */
    public enum Container {
        /** Tomcat 11, Spring Boot's default servlet container. */
        TOMCAT,
        /** Jetty 12.1 (EE 11). */
        JETTY,
        /** Reactor Netty, in a WebFlux application. */
        REACTOR_NETTY
    }

    private final ConfigurableApplicationContext context;
    private final Container container;
    private final int port;
    private final String name;

    private StarterEchoTarget(ConfigurableApplicationContext context, Container container, String name) {
        this.context = context;
        this.container = container;
        this.name = name;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** Starts the application on Tomcat; see {@link #start(Container, Map)}. */
    public static StarterEchoTarget start(Map<String, Object> properties) {
        return start(Container.TOMCAT, properties);
    }

    /**
     * Starts the application with these {@code ws.*} (or other) properties on top of the defaults:
     * a random port, the echo endpoint at {@code /echo}, any origin, quiet logs.
     */
    public static StarterEchoTarget start(Container container, Map<String, Object> properties) {
        return start(container.name().toLowerCase(Locale.ROOT), container, properties);
    }

    /** As {@link #start(Container, Map)}, reported as {@code name} (for a configuration beside the plain one). */
    public static StarterEchoTarget start(String name, Container container, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("server.port", 0);
        all.put("server.address", InetAddress.getLoopbackAddress().getHostAddress());
        all.put("spring.main.banner-mode", "off");
        all.put("logging.level.root", "warn");
        all.put("ws.endpoints.echo.path", "/echo");
        all.put("ws.endpoints.echo.allowed-origins", "*");
        all.putAll(properties);
        // Every server is on the test class path: the application type and a factory bean say which one serves.
        Class<?> server = switch (container) {
            case TOMCAT -> TomcatContainer.class;
            case JETTY -> JettyContainer.class;
            case REACTOR_NETTY -> ReactorNettyServer.class;
        };
        WebApplicationType type = container == Container.REACTOR_NETTY ? WebApplicationType.REACTIVE : WebApplicationType.SERVLET;
        SpringApplicationBuilder app = new SpringApplicationBuilder(StarterEchoApplication.class, server);
        StarterEchoTarget target = new StarterEchoTarget(app.web(type).properties(all).run(), container, name);
        target.warmUp();
        return target;
    }

    /**
     * Opens and closes one WebSocket session so that lazy initialisation (the servlet, handler
     * invocation, class loading) is done before the first case or baseline. Best effort, up to
     * three tries: with a short container idle timeout, a slow first upgrade can be caught by it
     * (seen on Jetty with 500 ms: the 101 was sent, then the connection neither served frames nor
     * closed), which is reported rather than tested here.
     */
    private void warmUp() {
        for (int attempt = 0; attempt < 3; attempt++) {
            try (RawClient c = RawClient.connect(address(), path(), null, extraRequestHeaders())) {
                c.socket().setSoTimeout(2_000);
                c.sendClose(1000);
                if (c.nextFrame().opcode() == Frame.CLOSE) {
                    return;
                }
            } catch (IOException tryAgain) {
                // Initialisation outlasted the container's idle timeout; the next upgrade finds it done.
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public String path() {
        return "/echo";
    }

    /** Open sessions of the application, from the starter's registry. */
    public int openSessions() {
        return context.getBean(WsSessionRegistry.class).size();
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public void close() {
        context.close();
    }

    /** Its factory bean makes Spring Boot serve with Tomcat. */
    @Configuration(proxyBeanMethods = false)
    static class TomcatContainer {
        @Bean
        TomcatServletWebServerFactory tomcatFactory() {
            return new TomcatServletWebServerFactory();
        }
    }

    /** Its factory bean makes Spring Boot serve the reactive application with Reactor Netty. */
    @Configuration(proxyBeanMethods = false)
    static class ReactorNettyServer {
        @Bean
        NettyReactiveWebServerFactory nettyFactory() {
            return new NettyReactiveWebServerFactory();
        }
    }

    /** Its factory bean makes Spring Boot serve with Jetty. */
    @Configuration(proxyBeanMethods = false)
    static class JettyContainer {
        @Bean
        JettyServletWebServerFactory jettyFactory() {
            return new JettyServletWebServerFactory();
        }
    }
}
