package io.wsstack.bench.load;

/**
 * The servers compared, each an echo endpoint in its own JVM. Ours comes first: every ratio is
 * "peer ÷ ours".
 */
enum Peer {

    /** Our starter on embedded Tomcat with one {@code @WsHandler} echo method. */
    WSSTACK("wsstack (Tomcat)", "io.wsstack.bench.server.ours.WsstackEchoServer"),
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

    private final String label;
    private final String mainClass;

    Peer(String label, String mainClass) {
        this.label = label;
        this.mainClass = mainClass;
    }

    String label() {
        return label;
    }

    String mainClass() {
        return mainClass;
    }

    /** Whether the server's main class was built into this module (ours needs the starter). */
    boolean available() {
        try {
            Class.forName(mainClass, false, Peer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
