package io.wsstack.conformance.client;

import io.wsstack.core.deflate.DeflateOptions;
import java.io.IOException;
import java.util.List;

/**
 * A WebSocket client implementation driven against a {@link ScriptedServer}: it connects, takes
 * what the server sends, and reports the messages it delivered and how it failed, if it did.
 */
interface ClientUnderTest {

    /** A message or control frame the client delivered to its application. */
    record Received(Kind kind, byte[] data, int closeCode) {
        /** What kind of thing was delivered. */
        enum Kind { TEXT, BINARY, PING, PONG, CLOSE }

        String text() {
            return new String(data, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * What the client made of the server's bytes.
     *
     * @param received    what it delivered, in order
     * @param failureCode the close code it sent because the server broke a rule, or 0
     */
    record Outcome(List<Received> received, int failureCode) {
    }

    /**
     * Connects to the scripted server on {@code port} and runs until the client failed the
     * connection, the server closed, or {@code wanted} things were delivered.
     *
     * @param deflate permessage-deflate options to offer, or null for none
     */
    Outcome run(int port, DeflateOptions deflate, int wanted) throws IOException, InterruptedException;
}
