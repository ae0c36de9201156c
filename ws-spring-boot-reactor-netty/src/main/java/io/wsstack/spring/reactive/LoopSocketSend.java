package io.wsstack.spring.reactive;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.concurrent.FastThreadLocal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends a session's frames with one {@code send} system call on the connection's native socket, from
 * its event loop, instead of passing them through Netty's outbound path (a pooled {@code ByteBuf}
 * per write, the pipeline's write and flush, the outbound buffer's entry and promise). Profiles of
 * the echo at one message per read showed that path at a fifth of the event loop's Java time; Netty's own
 * channel does exactly this system call at the end of it.
 *
 * <p>Each event loop thread has one direct scratch buffer. The transport whose read batch is running
 * on the loop copies the batch's frames into it and sends them once at the batch's end; outside a
 * batch a flush sends at once. The scratch belongs to one transport at a time: a transport that
 * finds it taken (a handler on the loop sending to another session) uses Netty's path.
 *
 * <p><b>Beyond Netty's public API, and why it is safe.</b> {@link UnixChannel#fd()} and
 * {@link Socket#send} are public, but writing to the socket behind Netty's back is only correct
 * when (checked by {@link #usable}) the channel is a native one whose file descriptor is a
 * {@link Socket}; no handler sits in front of ours (TLS, wire logging and channel metrics must see
 * every byte: with any of them in the pipeline Netty's path is used); the call happens on the
 * channel's event loop, the only thread that ever closes the descriptor (a send from another thread
 * could reach a descriptor number already closed and given to a new connection); and Netty's
 * outbound buffer is empty, so these bytes cannot overtake bytes Netty still holds. What the socket
 * does not take goes to Netty's outbound buffer, which waits for write readiness as for any write,
 * and from then on writes take Netty's path until that buffer is empty again.
 */
final class LoopSocketSend {

    /** Room of the per-loop scratch: a read batch's replies to small messages fit many times over. */
    static final int SCRATCH_BYTES = 64 * 1024;

    private static final boolean NATIVE_CLASSES = nativeClassesPresent();

    private static final FastThreadLocal<LoopSocketSend> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected LoopSocketSend initialValue() {
            return new LoopSocketSend();
        }
    };

    private final ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH_BYTES);
    /** The transport whose unsent bytes are in {@link #scratch}, or {@code null}. */
    private Object owner;

    private LoopSocketSend() {
    }

    /** This event loop's scratch; event loop threads only. */
    static LoopSocketSend onThisLoop() {
        return PER_LOOP.get();
    }

    /**
     * Whether {@code channel} is a native socket channel (epoll, on Linux) whose descriptor may be
     * written directly; the pipeline and outbound buffer conditions are checked per send.
     */
    static boolean nativeSocket(Channel channel) {
        return NATIVE_CLASSES && Native.isSocket(channel);
    }

    /**
     * Whether a send may bypass Netty now: {@code handler} is the first in the pipeline and Netty
     * holds no outbound bytes. Event loop only.
     */
    static boolean usable(Channel channel, Object handler) {
        if (channel.pipeline().first() != handler || !channel.isActive()) {
            return false;
        }
        var outbound = channel.unsafe().outboundBuffer();
        return outbound != null && outbound.isEmpty();
    }

    /** Whether {@code transport} may add bytes: the scratch is free or already holds its bytes. */
    boolean availableTo(Object transport) {
        return owner == null || owner == transport;
    }

    boolean heldBy(Object transport) {
        return owner == transport;
    }

    int room() {
        return scratch.remaining();
    }

    /** Appends {@code bytes} (all of them: the caller checked {@link #room()}) for {@code transport}. */
    void append(Object transport, ByteBuffer bytes) {
        owner = transport;
        scratch.put(bytes);
    }

    /** Appends the readable bytes of a Netty buffer (all of them: the caller checked {@link #room()}). */
    void append(Object transport, ByteBuf bytes) {
        owner = transport;
        int limit = scratch.limit();
        scratch.limit(scratch.position() + bytes.readableBytes());
        bytes.getBytes(bytes.readerIndex(), scratch);
        scratch.limit(limit);
    }

    /**
     * Sends what {@code transport} appended, with one system call, and frees the scratch.
     *
     * @return the bytes the socket did not take, in a buffer for Netty's outbound path, or
     *         {@code null} when it took them all
     * @throws IOException when the socket failed; the scratch is free either way
     */
    ByteBuf send(Channel channel) throws IOException {
        ByteBuffer bytes = scratch;
        int length = bytes.position();
        try {
            int sent = length == 0 ? 0 : Native.send(channel, bytes, length);
            if (sent == length) {
                return null;
            }
            bytes.limit(length).position(sent);
            return channel.alloc().directBuffer(length - sent).writeBytes(bytes);
        } finally {
            discard();
        }
    }

    /** Drops the unsent bytes (the connection is gone) and frees the scratch. */
    void discard() {
        scratch.clear();
        owner = null;
    }

    private static boolean nativeClassesPresent() {
        try {
            Class.forName("io.netty.channel.unix.UnixChannel", false, LoopSocketSend.class.getClassLoader());
            Class.forName("io.netty.channel.unix.Socket", false, LoopSocketSend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** What touches Netty's native-transport classes, loaded only when they are on the class path. */
    private static final class Native {

        static boolean isSocket(Channel channel) {
            return channel instanceof UnixChannel unix && unix.fd() instanceof Socket;
        }

        static int send(Channel channel, ByteBuffer bytes, int length) throws IOException {
            // Returns 0 when the socket's buffer is full (EAGAIN), throws on a real error.
            return ((Socket) ((UnixChannel) channel).fd()).send(bytes, 0, length);
        }
    }
}
