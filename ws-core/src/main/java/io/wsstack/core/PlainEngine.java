package io.wsstack.core;

import io.wsstack.core.extension.MessageCompression;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * What the plain client and server share once the handshake is done: a {@link Connection} whose
 * events are queued as {@link WebSocketMessage}s and whose outgoing frames are collected as bytes
 * for the caller to write. This is the feature document's "bytes in, message out; message in,
 * bytes out" API built on the event-driven engine.
 */
abstract class PlainEngine {

    private final ArrayDeque<WebSocketMessage> received = new ArrayDeque<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Role role;
    private ConnectionSettings settings;
    private MaskKeySource maskKeys;
    private Connection connection;
    private WebSocketProtocolException failure;

    PlainEngine(Role role, ConnectionSettings settings, MaskKeySource maskKeys) {
        this.role = role;
        this.settings = settings;
        this.maskKeys = maskKeys;
    }

    /** Starts the connection once the handshake has succeeded, with the negotiated compression (or none). */
    final void open(MessageCompression compression) {
        if (connection != null) {
            throw new IllegalStateException("the connection is already open");
        }
        connection = new Connection(role, settings, compression, maskKeys, new Collector(), this::collect);
    }

    final boolean isOpen() {
        return connection != null;
    }

    /**
     * Feeds bytes received from the peer and returns the first complete message, or {@code null}
     * when more bytes are needed. One call may complete several messages: the others are returned by
     * later calls (pass an empty array to take them without new bytes). Replies the engine owes the
     * peer — pongs, the close echo, a close after a protocol error — are waiting in
     * {@link #takeOutput()}.
     *
     * @throws WebSocketProtocolException when the peer broke the protocol; the Close frame with its
     *                                    code is waiting in {@link #takeOutput()}
     */
    public WebSocketMessage processFrame(byte[] bytes) {
        return processFrame(ByteBuffer.wrap(bytes));
    }

    /** As {@link #processFrame(byte[])}, consuming the buffer's remaining bytes. */
    public WebSocketMessage processFrame(ByteBuffer bytes) {
        requireOpen();
        if (failure == null && bytes.hasRemaining()) {
            connection.receive(bytes);
        }
        WebSocketMessage next = received.poll();
        if (next == null && failure != null) {
            throw failure;
        }
        return next;
    }

    /** Encodes a text message; returns every byte due to the peer, including replies queued earlier. */
    public byte[] sendText(String text) {
        requireOpen().sendText(text);
        return takeOutput();
    }

    /** Encodes a binary message. */
    public byte[] sendBinary(byte[] data) {
        requireOpen().sendBinary(data);
        return takeOutput();
    }

    /** Encodes a ping (at most 125 bytes of payload). */
    public byte[] sendPing(byte[] payload) {
        requireOpen().sendPing(ByteBuffer.wrap(payload));
        return takeOutput();
    }

    /** Encodes a ping with a text payload. */
    public byte[] sendPing(String payload) {
        return sendPing(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Encodes a pong (at most 125 bytes of payload). */
    public byte[] sendPong(byte[] payload) {
        requireOpen().sendPong(ByteBuffer.wrap(payload));
        return takeOutput();
    }

    /** Encodes a Close frame with a code valid on the wire and a reason of at most 123 UTF-8 bytes. */
    public byte[] sendClose(int code, String reason) {
        requireOpen().close(code, reason);
        return takeOutput();
    }

    /** Bytes the engine produced on its own (pongs, close echo, close on error) and not yet taken. */
    public byte[] takeOutput() {
        byte[] bytes = output.toByteArray();
        output.reset();
        return bytes;
    }

    /** The engine connection, for callers that want the event API after the handshake. */
    public Connection connection() {
        return requireOpen();
    }

    /** Whether the close handshake has finished or the connection failed. */
    public boolean isClosed() {
        return connection != null && connection.state() == ConnectionState.CLOSED;
    }

    /** Ends the compression context's native resources. Idempotent. */
    public void release() {
        if (connection != null) {
            connection.release();
        }
    }

    final void configure(ConnectionSettings settings, MaskKeySource maskKeys) {
        if (connection != null) {
            throw new IllegalStateException("settings are fixed once the connection is open");
        }
        this.settings = settings;
        this.maskKeys = maskKeys;
    }

    private Connection requireOpen() {
        if (connection == null) {
            throw new IllegalStateException("the handshake has not completed");
        }
        return connection;
    }

    private void collect(ByteBuffer frames, boolean control) {
        if (frames.hasArray()) {
            output.write(frames.array(), frames.arrayOffset() + frames.position(), frames.remaining());
        } else {
            byte[] copy = new byte[frames.remaining()];
            frames.get(copy);
            output.writeBytes(copy);
        }
    }

    private final class Collector implements WebSocketListener {
        @Override
        public void onText(Connection c, String text) {
            received.add(new WebSocketMessage(WebSocketMessage.Type.TEXT, text.getBytes(StandardCharsets.UTF_8), 0, ""));
        }

        @Override
        public void onBinary(Connection c, ByteBuffer data) {
            received.add(new WebSocketMessage(WebSocketMessage.Type.BINARY, copy(data), 0, ""));
        }

        @Override
        public void onPing(Connection c, ByteBuffer payload) {
            received.add(new WebSocketMessage(WebSocketMessage.Type.PING, copy(payload), 0, ""));
        }

        @Override
        public void onPong(Connection c, ByteBuffer payload) {
            received.add(new WebSocketMessage(WebSocketMessage.Type.PONG, copy(payload), 0, ""));
        }

        @Override
        public void onClose(Connection c, int code, String reason) {
            received.add(new WebSocketMessage(WebSocketMessage.Type.CLOSE, null, code, reason));
        }

        @Override
        public void onProtocolError(Connection c, WebSocketProtocolException error) {
            failure = error;
        }

        private byte[] copy(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            return bytes;
        }
    }
}
