package io.wsstack.e2e;

/**
 * How the supported containers differ in ways the end-to-end tests must know about.
 *
 * <p>Upgrade requests are the same on both: raw clients send what browsers send, a {@code GET}
 * without {@code Content-Length}. (Jetty 12.1's servlet upgrade would read such a request's
 * upgraded input as already ended; the transport upgrades through Jetty's own connection API
 * instead, see {@code io.wsstack.spring.servlet}.)
 */
enum ContainerQuirks {

    /**
     * Tomcat 11 closes an upgraded socket closed from a timer thread at the socket's next I/O event,
     * so tests nudge the socket after the session ended.
     */
    TOMCAT(false),

    /** Jetty 12.1 drops a closed upgraded socket at once. */
    JETTY(true),

    /** Reactor Netty (WebFlux; tests in ws-spring-boot-reactor-netty) closes the channel at once. */
    REACTOR_NETTY(true);

    private final boolean dropsIdleSocketAtOnce;

    ContainerQuirks(boolean dropsIdleSocketAtOnce) {
        this.dropsIdleSocketAtOnce = dropsIdleSocketAtOnce;
    }

    boolean dropsIdleSocketAtOnce() {
        return dropsIdleSocketAtOnce;
    }
}
