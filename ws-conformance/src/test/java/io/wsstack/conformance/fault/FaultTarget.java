package io.wsstack.conformance.fault;

import io.wsstack.conformance.target.EchoTarget;

/**
 * An echo target configured for the fault tests: small limits, short timeouts, and a way to know
 * that it has let go of every connection.
 */
interface FaultTarget extends EchoTarget {

    /** The target's limit on frames per message. */
    int maxFragments();

    /** The target's limit on one message, after inflation. */
    long maxMessageSize();

    /** Waits (bounded) until the server holds no connection any more. */
    void awaitIdle() throws InterruptedException;
}
