package io.wsstack.client;

import io.wsstack.core.Connection;
import io.wsstack.core.WebSocketListener;
import io.wsstack.core.WebSocketProtocolException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's listener for one session: it records what the engine decodes while the session's
 * lock is held, so that the application's {@link WsClientListener} can be called afterwards, in the
 * same order, without the lock. Calling out while holding it would let two sessions that relay to
 * each other (a proxy) deadlock. Buffers the engine passes are only valid during its call, so binary
 * payloads are copied once here, into buffers the application then owns.
 *
 * <p>The server's Close is not an event of its own: the session reports the final status once the
 * connection is released.
 */
final class EventRecorder implements WebSocketListener {

    /** One decoded event, ready to deliver. */
    @FunctionalInterface
    interface Event {
        void deliver(WsClientListener listener, WsClientSession session);
    }

    private final List<Event> events = new ArrayList<>();
    private WebSocketProtocolException violation;

    /** Moves the recorded events into {@code out}, in order. */
    void drainTo(List<Event> out) {
        out.addAll(events);
        events.clear();
    }

    /** The server's protocol violation that failed the connection, if one did. */
    WebSocketProtocolException violation() {
        return violation;
    }

    @Override
    public void onText(Connection connection, String text) {
        events.add((l, s) -> l.onText(s, text));
    }

    @Override
    public void onBinary(Connection connection, ByteBuffer data) {
        ByteBuffer copy = copy(data);
        events.add((l, s) -> l.onBinary(s, copy));
    }

    @Override
    public void onTextFragment(Connection connection, String piece, boolean last) {
        events.add((l, s) -> l.onTextFragment(s, piece, last));
    }

    @Override
    public void onBinaryFragment(Connection connection, ByteBuffer piece, boolean last) {
        ByteBuffer copy = copy(piece);
        events.add((l, s) -> l.onBinaryFragment(s, copy, last));
    }

    @Override
    public void onPing(Connection connection, ByteBuffer payload) {
        ByteBuffer copy = copy(payload);
        events.add((l, s) -> l.onPing(s, copy));
    }

    @Override
    public void onPong(Connection connection, ByteBuffer payload) {
        ByteBuffer copy = copy(payload);
        events.add((l, s) -> l.onPong(s, copy));
    }

    @Override
    public void onProtocolError(Connection connection, WebSocketProtocolException error) {
        violation = error;
        events.add((l, s) -> l.onError(s, error));
    }

    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }
}
