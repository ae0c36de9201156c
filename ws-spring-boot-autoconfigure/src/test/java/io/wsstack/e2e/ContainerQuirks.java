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

    /** Tomcat 11, through the servlet upgrade. */
    TOMCAT,

    /** Jetty 12.1, through its own connection API. */
    JETTY
}
