package io.wsstack.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Records every listener event as a short string, in order, so tests can compare event lists. */
public final class RecordingListener implements WebSocketListener {

    public final List<String> events = new ArrayList<>();
    public WebSocketProtocolException error;

    @Override
    public void onText(Connection connection, String text) {
        events.add("text:" + text);
    }

    @Override
    public void onBinary(Connection connection, ByteBuffer data) {
        events.add("binary:" + Hex.of(data));
    }

    @Override
    public void onTextFragment(Connection connection, String piece, boolean last) {
        events.add("textFragment:" + piece + (last ? ":last" : ""));
    }

    @Override
    public void onBinaryFragment(Connection connection, ByteBuffer piece, boolean last) {
        events.add("binaryFragment:" + Hex.of(piece) + (last ? ":last" : ""));
    }

    @Override
    public void onPing(Connection connection, ByteBuffer payload) {
        events.add("ping:" + Hex.of(payload));
    }

    @Override
    public void onPong(Connection connection, ByteBuffer payload) {
        events.add("pong:" + Hex.of(payload));
    }

    @Override
    public void onClose(Connection connection, int code, String reason) {
        events.add("close:" + code + ":" + reason);
    }

    @Override
    public void onProtocolError(Connection connection, WebSocketProtocolException e) {
        error = e;
        events.add("error:" + e.closeCode());
    }
}
