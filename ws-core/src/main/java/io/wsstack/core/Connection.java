package io.wsstack.core;

import io.wsstack.core.extension.MessageCompression;
import java.nio.ByteBuffer;

/**
 * One WebSocket connection after the opening handshake, without any I/O ("sans-I/O"): bytes from
 * the peer go in through {@link #receive(ByteBuffer)} and come out as {@link WebSocketListener}
 * events; messages go in through the {@code send*} methods and come out as encoded frames handed
 * to the {@link FrameSink}.
 *
 * <p>It enforces RFC 6455 for the given {@link Role}: masking direction, framing and fragmentation
 * rules, UTF-8 validity of text, the closing handshake, and the limits of its
 * {@link ConnectionSettings}. When the peer breaks a rule, the connection sends a Close frame with
 * the matching code, reports {@link WebSocketListener#onProtocolError}, and ignores all further
 * input.
 *
 * <p>Not thread-safe: the transport must serialise all calls (including sends from application
 * threads) on one connection.
 */
public final class Connection {

    /**
     * Creates a connection in the {@link ConnectionState#OPEN} state.
     *
     * @param role        which end this is; decides masking in both directions
     * @param settings    limits and switches
     * @param compression the negotiated permessage-deflate state, or {@code null} when no
     *                    extension was negotiated (then any RSV bit from the peer is an error)
     * @param maskKeys    masking keys for outgoing frames; required for {@link Role#CLIENT},
     *                    ignored (may be {@code null}) for {@link Role#SERVER}
     * @param listener    receives decoded events
     * @param sink        receives encoded frames
     */
    public Connection(Role role, ConnectionSettings settings, MessageCompression compression,
                      MaskKeySource maskKeys, WebSocketListener listener, FrameSink sink) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** Which end of the connection this object speaks for. */
    public Role role() {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** The closing-handshake state. */
    public ConnectionState state() {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /**
     * Consumes all remaining bytes of {@code data} (frames may be split anywhere and several may
     * arrive at once) and dispatches the resulting events in wire order. Never throws
     * {@link WebSocketProtocolException}: a violation becomes a Close frame plus
     * {@link WebSocketListener#onProtocolError}, after which input is ignored. After the peer's Close
     * frame, further input is ignored too.
     */
    public void receive(ByteBuffer data) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /**
     * Sends a text message as one frame (compressed when the extension is negotiated and its
     * threshold is met).
     *
     * @throws IllegalStateException if our Close frame was already sent
     */
    public void sendText(String text) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** Sends a text message as one frame; see {@link #sendText(String)}. */
    public void sendText(CharSequence text) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /**
     * Sends the remaining bytes of {@code data} as one binary message; the buffer's position is
     * not changed.
     *
     * @throws IllegalStateException if our Close frame was already sent
     */
    public void sendBinary(ByteBuffer data) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** Sends {@code data} as one binary message; see {@link #sendBinary(ByteBuffer)}. */
    public void sendBinary(byte[] data) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /**
     * Sends one fragment of a message (RFC 6455 §5.4). The first call starts a text or binary
     * message; later calls send continuation frames until {@code last} is true. When compression is
     * negotiated, the decision is made on the first fragment and applies to the whole message.
     * Text fragments are not checked for UTF-8 here: the caller supplies encoded bytes.
     *
     * @param text    the message type; only read on the first fragment of a message
     * @param payload the bytes of this fragment (its remaining bytes; position unchanged)
     * @param last    whether this fragment ends the message
     * @throws IllegalStateException if our Close frame was already sent
     */
    public void sendFragment(boolean text, ByteBuffer payload, boolean last) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /**
     * Sends a ping (RFC 6455 §5.5.2) carrying the remaining bytes of {@code payload}.
     *
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     * @throws IllegalStateException    if our Close frame was already sent
     */
    public void sendPing(ByteBuffer payload) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /**
     * Sends a pong (RFC 6455 §5.5.3); an unsolicited pong serves as a one-way heartbeat.
     *
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     * @throws IllegalStateException    if our Close frame was already sent
     */
    public void sendPong(ByteBuffer payload) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /**
     * Starts (or, if the peer already closed, completes) the closing handshake by sending a Close
     * frame with {@code code} and {@code reason} (RFC 6455 §5.5.1). The state becomes
     * {@link ConnectionState#CLOSING}, or {@link ConnectionState#CLOSED} when the peer's Close was
     * already received. A second call does nothing.
     *
     * @throws IllegalArgumentException if {@code code} may not appear on the wire
     *                                  ({@link CloseCodes#isValidOnWire}) or the reason is longer
     *                                  than 123 UTF-8 bytes
     */
    public void close(int code, String reason) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** Sends a Close frame without a payload; the peer sees code 1005. See {@link #close(int, String)}. */
    public void close() {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /**
     * Writes the frames of a message encoded once for many connections (broadcast). Server role
     * only, since server frames are unmasked and therefore identical for every client.
     *
     * @throws IllegalStateException if this is a client connection, our Close frame was already
     *                               sent, or a fragmented message is being sent
     */
    public void sendPrepared(PreparedMessage message) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** Whether we have sent our Close frame. */
    public boolean isCloseSent() {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** Whether the peer's Close frame has been received. */
    public boolean isCloseReceived() {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** The code of the peer's Close frame: 1005 when it carried none, -1 when none was received. */
    public int peerCloseCode() {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** The reason of the peer's Close frame: {@code ""} when it had none, {@code null} when none was received. */
    public String peerCloseReason() {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /**
     * Releases resources held for the connection, notably the compression extension's
     * {@code Deflater}/{@code Inflater}. Call once the transport is done; calling again does nothing.
     */
    public void release() {
        throw new UnsupportedOperationException("engine skeleton");
    }
}
