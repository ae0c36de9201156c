package io.wsstack.e2e;

/** How the supported containers differ in ways the end-to-end tests must know about. */
enum ContainerQuirks {

    /**
     * Tomcat 11 closes an upgraded socket closed from a timer thread at the socket's next I/O event,
     * so tests nudge the socket after the session ended.
     */
    TOMCAT(false),

    /**
     * Jetty 12.1.10 drops a closed upgraded socket at once, but latches the end of a body-less
     * request's input before a servlet upgrade starts the tunnel: an upgrade request without
     * {@code Content-Length} gets an upgraded input already at EOF. Raw clients send
     * {@code Content-Length: 0} (as the JDK client does) so that the transport can be tested at all.
     */
    JETTY(true);

    private final boolean dropsIdleSocketAtOnce;

    ContainerQuirks(boolean dropsIdleSocketAtOnce) {
        this.dropsIdleSocketAtOnce = dropsIdleSocketAtOnce;
    }

    boolean dropsIdleSocketAtOnce() {
        return dropsIdleSocketAtOnce;
    }

    /** Header lines a raw client adds to an upgrade request that must succeed. */
    String[] upgradeHeaders() {
        return this == JETTY ? new String[] {"Content-Length: 0"} : new String[0];
    }
}
