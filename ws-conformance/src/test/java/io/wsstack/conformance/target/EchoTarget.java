package io.wsstack.conformance.target;

import java.net.InetSocketAddress;

/**
 * A running WebSocket server that echoes every text and binary message back as the same type, the
 * endpoint the Autobahn|Testsuite server cases are written against. Limits a target must have
 * for the suite: messages of at least 1 MiB, at least 65536 fragments per message, and
 * permessage-deflate accepted with its default parameters.
 */
public interface EchoTarget {

    /** A short name for test display names, such as {@code engine} or {@code tomcat}. */
    String name();

    /** Where to connect. */
    InetSocketAddress address();

    /** The request path of the echo endpoint. */
    String path();

    /**
     * Header lines (each ending in CRLF) a raw client must add to its upgrade request on this
     * target to work around a container issue; empty for a target without one.
     */
    default String extraRequestHeaders() {
        return "";
    }
}
