package io.wsstack.bench.load;

/**
 * The servers compared, each an echo endpoint in its own JVM. Ours comes first: every ratio is
 * "peer ÷ ours".
 */
enum Peer {

    /** Our starter on embedded Tomcat with one {@code @WsHandler} echo method. */
    WSSTACK("wsstack (Tomcat)", "io.wsstack.bench.server.ours.WsstackEchoServer"),
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
