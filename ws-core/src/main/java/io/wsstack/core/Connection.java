package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.CLOSE_REASON_MAX;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CLOSE;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_PING;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_PONG;
import static io.wsstack.core.internal.frame.WebSocketProtocol.PAYLOAD_SHORT_MAX;

import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.internal.frame.FrameDecoder;
import io.wsstack.core.internal.frame.FrameEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

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
 * <p>If a listener method throws an exception other than {@link WebSocketProtocolException}, the
 * connection sends Close 1011, stops, and the exception propagates out of {@link #receive}. A
 * listener may throw a {@link WebSocketProtocolException} itself to close with its code.
 *
 * <p>Not thread-safe: the transport must serialise all calls (including sends from application
 * threads) on one connection.
 */
public final class Connection {

    private final Role role;
    private final ConnectionSettings settings;
    private final MessageCompression compression;
    private final WebSocketListener listener;
    private final MaskKeySource maskKeys;
    private final FrameSink sink;
    // The engine's parts are made when first needed, not with the connection: thousands of idle
    // connections that never receive or send a frame then hold none of them (about 500 bytes each).
    /** Encodes our frames; made by the first send. */
    private MessageSender sender;
    /** Collects data frames into messages; made by the first data frame. */
    private MessageAssembler assembler;
    /** Parses the peer's bytes; made by the first {@link #receive}. */
    private FrameDecoder decoder;

    private ConnectionState state = ConnectionState.OPEN;
    private boolean closeSent;
    /** The peer's Close, once received. */
    private CloseFrames.PeerClose peerClose;
    /** Whether input is ignored from now on: the peer closed, or the connection failed. */
    private boolean stopped;
    private boolean released;
    /** The body of a Close owed but held ({@link ConnectionSettings#holdOwedClose()}), or {@code null}. */
    private ByteBuffer owedClose;

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
        this.role = Objects.requireNonNull(role, "role");
        Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.sink = Objects.requireNonNull(sink, "sink");
        // A client without mask keys fails here, not at its first send.
        this.maskKeys = role.masksOutgoing() ? Objects.requireNonNull(maskKeys, "a client needs a MaskKeySource") : null;
        this.compression = compression;
        this.settings = settings;
    }

    private MessageSender sender() {
        MessageSender s = sender;
        if (s == null) {
            s = new MessageSender(new FrameEncoder(role, maskKeys), compression, sink);
            sender = s;
        }
        return s;
    }

    /** The message assembler, made by the first data frame ({@link IncomingFrames}). */
    MessageAssembler assembler() {
        MessageAssembler a = assembler;
        if (a == null) {
            a = new MessageAssembler(this, listener, compression, settings);
            assembler = a;
        }
        return a;
    }

    private FrameDecoder decoder() {
        FrameDecoder d = decoder;
        if (d == null) {
            d = new FrameDecoder(role, settings.maxFrameSize(), compression != null, new IncomingFrames(this));
            decoder = d;
        }
        return d;
    }

    /** Which end of the connection this object speaks for. */
    public Role role() {
        return role;
    }

    /** The closing-handshake state. */
    public ConnectionState state() {
        return state;
    }

    /**
     * Consumes all remaining bytes of {@code data} (frames may be split anywhere and several may
     * arrive at once) and dispatches the resulting events in wire order. Never throws
     * {@link WebSocketProtocolException}: a violation becomes a Close frame plus
     * {@link WebSocketListener#onProtocolError}, after which input is ignored. After the peer's Close
     * frame, further input is ignored too.
     *
     * <p>Masked payload (what a server receives) is unmasked in place, so the bytes of a writable
     * {@code data} change; a read-only buffer is unmasked through a small scratch buffer instead.
     *
     * <p>When a listener calls {@link #pauseDecoding()}, this method returns right after that
     * listener call with the unread bytes still in {@code data} (its position at the first of them);
     * call it again with the same buffer to go on.
     */
    public void receive(ByteBuffer data) {
        messageConsumed();
        if (stopped) {
            data.position(data.limit());
            return;
        }
        try {
            decoder().decode(data);
        } catch (WebSocketProtocolException e) {
            data.position(data.limit());
            failWith(e);
        } catch (RuntimeException e) {
            data.position(data.limit());
            stop(CloseCodes.INTERNAL_ERROR, "internal error");
            throw e;
        }
    }

    /**
     * Tells the engine that the application is done with the last message delivered, so the memory
     * it held stops counting against the {@link ConnectionSettings#inboundBudget() inbound budget}.
     * {@link #receive} implies it; a transport that hands each message to the application between
     * {@code receive} calls calls this once the handler returned, so that an idle connection does
     * not keep budget after its last message.
     */
    public void messageConsumed() {
        if (assembler != null) {
            assembler.messageConsumed();
        }
    }

    /**
     * The payload size in bytes (after inflation) of the message being delivered: valid inside
     * {@link WebSocketListener#onText} and {@link WebSocketListener#onBinary}, so that a listener
     * that needs a text's UTF-8 length does not count it again.
     */
    public long deliveredMessageSize() {
        return assembler == null ? 0 : assembler.messageSize();
    }

    /**
     * Asks the running {@link #receive(ByteBuffer)} call to return as soon as the current listener
     * call returns, before any further byte is decoded. Call it from inside a
     * {@link WebSocketListener} method; outside of {@code receive} it has no effect.
     *
     * <p>The bytes not yet decoded stay in the buffer passed to {@code receive}, whose position is
     * left at the first of them; the decoding state (a partial frame, a fragmented or compressed
     * message in progress) is kept, so passing the rest of the bytes later yields exactly the events
     * an uninterrupted call would have. A transport uses this to run the application's reaction to
     * one event (for example an echo) before the engine looks at the next frame: otherwise a later
     * bad frame in the same read would make the engine send its Close first, and nothing may be sent
     * after a Close (RFC 6455 §5.5.1).
     */
    public void pauseDecoding() {
        if (decoder != null) {
            decoder.pause();
        }
    }

    /**
     * Sends a text message as one frame (compressed when the extension is negotiated and its
     * threshold is met). The text is encoded as UTF-8; an unpaired surrogate, which has no UTF-8
     * form, is sent as {@code '?'}.
     *
     * @throws IllegalStateException if our Close frame was already sent
     */
    public void sendText(String text) {
        checkCanSend();
        sender().sendMessage(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends a text message as one frame; see {@link #sendText(String)}. */
    public void sendText(CharSequence text) {
        sendText(text.toString());
    }

    /**
     * Sends the remaining bytes of {@code data} as one binary message; the buffer's position is
     * not changed.
     *
     * @throws IllegalStateException if our Close frame was already sent
     */
    public void sendBinary(ByteBuffer data) {
        checkCanSend();
        sender().sendMessage(false, data);
    }

    /** Sends {@code data} as one binary message; see {@link #sendBinary(ByteBuffer)}. */
    public void sendBinary(byte[] data) {
        sendBinary(ByteBuffer.wrap(data));
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
        checkCanSend();
        sender().sendFragment(text, payload, last);
    }

    /**
     * Sends a ping (RFC 6455 §5.5.2) carrying the remaining bytes of {@code payload}.
     *
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     * @throws IllegalStateException    if our Close frame was already sent
     */
    public void sendPing(ByteBuffer payload) {
        checkControlPayload(payload);
        checkCanSend();
        sender().sendControl(OPCODE_PING, payload);
    }

    /**
     * Sends a pong (RFC 6455 §5.5.3); an unsolicited pong serves as a one-way heartbeat.
     *
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     * @throws IllegalStateException    if our Close frame was already sent
     */
    public void sendPong(ByteBuffer payload) {
        checkControlPayload(payload);
        checkCanSend();
        sender().sendControl(OPCODE_PONG, payload);
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
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (RFC 6455 §7.4)");
        }
        byte[] reasonUtf8 = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        if (reasonUtf8.length > CLOSE_REASON_MAX) {
            throw new IllegalArgumentException("close reason longer than " + CLOSE_REASON_MAX + " UTF-8 bytes");
        }
        sendClose(CloseFrames.body(code, reasonUtf8));
    }

    /** Sends a Close frame without a payload; the peer sees code 1005. See {@link #close(int, String)}. */
    public void close() {
        sendClose(CloseFrames.emptyBody());
    }

    /**
     * Writes the frames of a message encoded once for many connections (broadcast). Server role
     * only, since server frames are unmasked and therefore identical for every client. The sink
     * receives a read-only view of the shared bytes, not a copy.
     *
     * @throws IllegalStateException if this is a client connection, our Close frame was already
     *                               sent, a fragmented message is being sent, or the message is
     *                               compressed and this connection negotiated no compression
     */
    public void sendPrepared(PreparedMessage message) {
        if (role != Role.SERVER) {
            throw new IllegalStateException("prepared messages are unmasked: server role only");
        }
        if (message.compressed() && compression == null) {
            throw new IllegalStateException("compressed prepared message on a connection without permessage-deflate");
        }
        checkCanSend();
        sender().sendEncoded(message.frames());
    }

    /** Whether we have sent our Close frame. */
    public boolean isCloseSent() {
        return closeSent;
    }

    /** Whether the peer's Close frame has been received. */
    public boolean isCloseReceived() {
        return peerClose != null;
    }

    /** The code of the peer's Close frame: 1005 when it carried none, -1 when none was received. */
    public int peerCloseCode() {
        return peerClose == null ? -1 : peerClose.code();
    }

    /** The reason of the peer's Close frame: {@code ""} when it had none, {@code null} when none was received. */
    public String peerCloseReason() {
        return peerClose == null ? null : peerClose.reason();
    }

    /**
     * Releases resources held for the connection, notably the compression extension's
     * {@code Deflater}/{@code Inflater}. Call once the transport is done; calling again does nothing.
     */
    public void release() {
        if (released) {
            return;
        }
        released = true;
        discardMessage();
        if (compression != null) {
            compression.close();
        }
    }

    /** Whether a buffer for a message in progress is held (for tests: none between messages). */
    boolean holdsAssemblyBuffer() {
        return assembler != null && assembler.holdsBuffer();
    }

    /** Whether the engine's parts were made (for tests: an idle connection holds none). */
    boolean holdsEngineParts() {
        return sender != null || assembler != null || decoder != null;
    }

    /** Stops the decoder (if any input was ever decoded) and drops a partial message. */
    private void haltInput() {
        if (decoder != null) {
            decoder.halt();
        }
        discardMessage();
    }

    private void discardMessage() {
        if (assembler != null) {
            assembler.discard();
        }
    }

    /** Called by {@link IncomingFrames} with a complete control frame. */
    void onControlFrame(int opcode, byte[] payload, int length) {
        switch (opcode) {
            case OPCODE_PING -> {
                ByteBuffer data = ByteBuffer.wrap(payload, 0, length);
                if (settings.autoPong() && !closeSent) {
                    sender().sendControl(OPCODE_PONG, data);
                }
                listener.onPing(this, data);
            }
            case OPCODE_PONG -> listener.onPong(this, ByteBuffer.wrap(payload, 0, length));
            case OPCODE_CLOSE -> onPeerClose(payload, length);
            default -> throw new IllegalStateException("decoder passed opcode " + opcode);
        }
    }

    /** RFC 6455 §5.5.1: echo the peer's Close once (same code, or empty for empty), then stop reading. */
    private void onPeerClose(byte[] payload, int length) {
        CloseFrames.PeerClose close = CloseFrames.parse(payload, length);
        peerClose = close;
        stopped = true;
        haltInput();
        if (!closeSent) {
            ByteBuffer echo = close.code() == CloseCodes.NO_STATUS_RECEIVED
                    ? CloseFrames.emptyBody()
                    : CloseFrames.body(close.code(), new byte[0]);
            oweClose(echo);
        }
        state = ConnectionState.CLOSED;
        listener.onClose(this, close.code(), close.reason());
    }

    /** The one place where a violation by the peer becomes a Close frame (RFC 6455 §7.1.7). */
    private void failWith(WebSocketProtocolException violation) {
        stop(violation.closeCode(), violation.getMessage());
        listener.onProtocolError(this, violation);
    }

    private void stop(int code, String reason) {
        stopped = true;
        haltInput();
        if (!closeSent) {
            oweClose(CloseFrames.body(code, CloseFrames.truncatedReason(reason)));
        }
        state = ConnectionState.CLOSED;
    }

    /** Sends the Close the engine owes now, or holds it for {@link #sendOwedClose()}. */
    private void oweClose(ByteBuffer body) {
        if (settings.holdOwedClose()) {
            if (owedClose == null) {
                owedClose = body;
            }
            return;
        }
        closeSent = true;
        sender().sendControl(OPCODE_CLOSE, body);
    }

    /**
     * Sends the Close held under {@link ConnectionSettings#holdOwedClose()}: the reply to the
     * peer's Close or the Close for a violation, once the transport has run the handlers of the
     * messages decoded before it. Does nothing when no Close is owed or one was already sent (an
     * application's own {@link #close(int, String)} in between takes its place).
     *
     * @return whether a Close frame was sent
     */
    public boolean sendOwedClose() {
        ByteBuffer body = owedClose;
        owedClose = null;
        if (body == null || closeSent) {
            return false;
        }
        closeSent = true;
        sender().sendControl(OPCODE_CLOSE, body);
        return true;
    }

    private void sendClose(ByteBuffer body) {
        if (closeSent) {
            return;
        }
        closeSent = true;
        sender().sendControl(OPCODE_CLOSE, body);
        state = peerClose != null ? ConnectionState.CLOSED : ConnectionState.CLOSING;
    }

    private void checkCanSend() {
        if (closeSent) {
            throw new IllegalStateException("our Close frame was sent; nothing may follow it (RFC 6455 §5.5.1)");
        }
    }

    private static void checkControlPayload(ByteBuffer payload) {
        if (payload.remaining() > PAYLOAD_SHORT_MAX) {
            throw new IllegalArgumentException("control frame payload longer than 125 bytes (RFC 6455 §5.5)");
        }
    }
}
