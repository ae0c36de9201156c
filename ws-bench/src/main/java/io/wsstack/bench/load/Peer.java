package io.wsstack.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The servers compared, each an echo endpoint on {@code /echo} in its own JVM. {@link #WSSTACK},
 * ours as users run it, is the reference: every ratio in the report is "ours ÷ the other".
 *
 * <p>Adding a server is one constant here plus one main class that takes {@code <port>} (and the
 * options listed here), serves {@code ws://127.0.0.1:<port>/echo} and opens
 * {@code io.wsstack.bench.server.AdminPort} on {@code port + 1} once it is ready. A server whose
 * main class is not on the class path is reported as "not available" instead of failing the run.
 */
enum Peer {

    /** Our starter on embedded Tomcat with Actuator and every {@code ws.*} meter bound (the sample-app setup). */
    WSSTACK("wsstack (Tomcat, Actuator meters)", "io.wsstack.bench.server.ours.WsstackEchoServer", "tomcat", "meters"),
    /** The same application with the echo handlers on the socket loop of the taken-over Tomcat socket. */
    WSSTACK_LOOP("wsstack (Tomcat, event loop)", "io.wsstack.bench.server.ours.WsstackEchoServer", "tomcat", "meters",
            "--ws.endpoints.echo.handler-dispatch=event-loop"),
    /** The same application on Tomcat's servlet upgrade (socket takeover off), as before the takeover existed. */
    WSSTACK_SERVLET("wsstack (Tomcat servlet upgrade)", "io.wsstack.bench.server.ours.WsstackEchoServer", "tomcat", "meters",
            "--ws.tomcat.socket-takeover=false"),
    /** The same application with our meter binding switched off: "meters on ÷ off" is their cost. */
    WSSTACK_NOMETERS("wsstack (Tomcat, meters off)", "io.wsstack.bench.server.ours.WsstackEchoServer", "tomcat", "no-meters"),
    /** Our starter on embedded Jetty 12.1 (its native upgrade path), Actuator meters on. */
    WSSTACK_JETTY("wsstack (Jetty 12.1, Actuator meters)", "io.wsstack.bench.server.ours.WsstackEchoServer", "jetty", "meters"),
    /** Our starter in a WebFlux application on Reactor Netty, handlers dispatched off the event loop (the default). */
    WSSTACK_NETTY("wsstack (Reactor Netty)", "io.wsstack.bench.server.reactor.WsstackReactorNettyServer"),
    /** The same with the echo handlers on Netty's event loop. */
    WSSTACK_NETTY_LOOP("wsstack (Reactor Netty, event loop)", "io.wsstack.bench.server.reactor.WsstackReactorNettyEventLoopServer"),
    /** Spring's WebSocket support on embedded Tomcat. */
    SPRING("Spring WebSocket (Tomcat)", "io.wsstack.bench.server.spring.SpringEchoServer"),
    /** Jetty 12's own WebSocket API. */
    JETTY("Jetty 12 WebSocket", "io.wsstack.bench.server.JettyEchoServer"),
    /** Netty's websocketx server handler. */
    NETTY("Netty websocketx", "io.wsstack.bench.server.NettyEchoServer");

    /** Everyone, in report order. */
    static final String ALL = Arrays.stream(values()).map(Peer::cliName).collect(Collectors.joining(","));

    private final String label;
    private final String mainClass;
    private final List<String> options;

    Peer(String label, String mainClass, String... options) {
        this.label = label;
        this.mainClass = mainClass;
        this.options = List.of(options);
    }

    /**
     * The name used in {@code -Dbench.peers}: the constant in lower case with dashes, e.g. {@code wsstack-jetty}
     * ({@link #byCliName} also takes underscores, the spelling of earlier harness versions, e.g. {@code wsstack_netty}).
     */
    String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Peer byCliName(String name) {
        for (Peer peer : values()) {
            if (peer.cliName().equals(name.trim().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return peer;
            }
        }
        throw new IllegalArgumentException("unknown peer '" + name + "'; known: " + ALL);
    }

    String label() {
        return label;
    }

    String mainClass() {
        return mainClass;
    }

    /** Arguments after the port, e.g. which container and whether meters are bound. */
    List<String> options() {
        return options;
    }

    /** Whether the server's main class was built into this module. */
    boolean available() {
        try {
            Class.forName(mainClass, false, Peer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
