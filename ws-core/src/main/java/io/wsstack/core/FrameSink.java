package io.wsstack.core;

import java.nio.ByteBuffer;

/**
 * Where a {@code Connection} puts the encoded frames it wants written to the peer.
 *
 * <p>The engine does no I/O: a transport supplies a sink that queues the bytes for its socket.
 * Control frames are flagged so that a transport may let them jump ahead of queued data (but
 * never into the middle of a frame). Each buffer is new and handed over: the sink owns it.
 */
@FunctionalInterface
public interface FrameSink {

    /**
     * Takes one or more complete encoded frames.
     *
     * @param frames  bytes positioned for reading
     * @param control whether the bytes are a single control frame (ping, pong or close)
     */
    void send(ByteBuffer frames, boolean control);
}
