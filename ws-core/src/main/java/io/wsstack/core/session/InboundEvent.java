package io.wsstack.core.session;

import io.wsstack.core.Connection;
import io.wsstack.core.WebSocketListener;
import io.wsstack.core.WebSocketProtocolException;
import java.nio.ByteBuffer;

/**
 * The event pump's one slot: the engine's listener for a session that hands each decoded event to
 * the application outside the engine lock, one event at a time, in wire order.
 *
 * <p>After every event it pauses the engine ({@link Connection#pauseDecoding()}), so one
 * {@code receive} call yields at most one event; the caller releases the lock, runs the handler
 * (which queues its answer), and only then lets the engine decode the rest of the buffer. That is
 * what keeps the echo of a valid message ahead of the Close that a bad frame right after it causes
 * (nothing may follow a Close, RFC 6455 §5.5.1), and it needs neither a list nor a lambda per event.
 * Handlers must not run under the engine lock: two sessions relaying to each other (a chat, a
 * proxy) would otherwise deadlock.
 *
 * <p>Binary payloads are copied, since the engine's buffers are only valid during its callback.
 * Pings are reported only when asked for: the engine answers them itself.
 */
public final class InboundEvent implements WebSocketListener {

    /** What the slot holds. */
    public enum Kind {
        /** Nothing: the engine needs more bytes. */
        NONE,
        /** A complete text message: {@link #text()}. */
        TEXT,
        /** A complete binary message: {@link #data()}. */
        BINARY,
        /** A piece of a streamed text message: {@link #text()}, {@link #last()}. */
        TEXT_FRAGMENT,
        /** A piece of a streamed binary message: {@link #data()}, {@link #last()}. */
        BINARY_FRAGMENT,
        /** A ping, already answered by the engine: {@link #data()}. */
        PING,
        /** A pong: {@link #data()}. */
        PONG,
        /** The peer's Close, echoed by the engine if we had not closed: {@link #closeCode()}, {@link #closeReason()}. */
        CLOSE,
        /** The peer broke a rule; the engine has queued its Close: {@link #error()}. */
        PROTOCOL_ERROR
    }

    private final boolean reportPings;
    private Kind kind = Kind.NONE;
    private String text;
    private long payloadLength;
    private ByteBuffer data;
    private boolean last;
    private int closeCode;
    private String closeReason;
    private WebSocketProtocolException error;

    /** @param reportPings whether pings are events too (the client tells its listener; servers do not) */
    public InboundEvent(boolean reportPings) {
        this.reportPings = reportPings;
    }

    public Kind kind() {
        return kind;
    }

    public String text() {
        return text;
    }

    public ByteBuffer data() {
        return data;
    }

    /** For {@link Kind#TEXT} and {@link Kind#BINARY}: the message's payload bytes (a text's UTF-8 length). */
    public long payloadLength() {
        return payloadLength;
    }

    public boolean last() {
        return last;
    }

    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    public WebSocketProtocolException error() {
        return error;
    }

    /** Empties the slot once the event was handled, dropping references to its payload. */
    public void clear() {
        kind = Kind.NONE;
        text = null;
        data = null;
        closeReason = null;
        error = null;
    }

    private void set(Connection connection, Kind k) {
        if (kind != Kind.NONE) {
            throw new IllegalStateException("event " + kind + " not taken before " + k);
        }
        kind = k;
        connection.pauseDecoding();
    }

    @Override
    public void onText(Connection connection, String text) {
        this.text = text;
        this.payloadLength = connection.deliveredMessageSize();
        set(connection, Kind.TEXT);
    }

    @Override
    public void onBinary(Connection connection, ByteBuffer data) {
        this.data = copy(data);
        this.payloadLength = this.data.remaining();
        set(connection, Kind.BINARY);
    }

    @Override
    public void onTextFragment(Connection connection, String piece, boolean last) {
        this.text = piece;
        this.last = last;
        set(connection, Kind.TEXT_FRAGMENT);
    }

    @Override
    public void onBinaryFragment(Connection connection, ByteBuffer piece, boolean last) {
        this.data = copy(piece);
        this.last = last;
        set(connection, Kind.BINARY_FRAGMENT);
    }

    @Override
    public void onPing(Connection connection, ByteBuffer payload) {
        if (reportPings) {
            this.data = copy(payload);
            set(connection, Kind.PING);
        }
    }

    @Override
    public void onPong(Connection connection, ByteBuffer payload) {
        this.data = copy(payload);
        set(connection, Kind.PONG);
    }

    @Override
    public void onClose(Connection connection, int code, String reason) {
        this.closeCode = code;
        this.closeReason = reason;
        set(connection, Kind.CLOSE);
    }

    @Override
    public void onProtocolError(Connection connection, WebSocketProtocolException error) {
        this.error = error;
        set(connection, Kind.PROTOCOL_ERROR);
    }

    private static ByteBuffer copy(ByteBuffer source) {
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source.duplicate()).flip();
        return copy;
    }
}
