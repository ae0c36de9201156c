package io.wsstack.core;

import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.internal.frame.FrameEncoder;
import java.nio.ByteBuffer;

/** A connection under test with its recording listener and capturing sink. */
public final class TestPeer {

    /** The masking key used by test clients: the one of the RFC 6455 §5.7 examples. */
    public static final int KEY = 0x37fa213d;

    public final Role role;
    public final RecordingListener listener = new RecordingListener();
    public final CapturingSink sink;
    public final Connection connection;

    public TestPeer(Role role, ConnectionSettings settings, MessageCompression compression) {
        this.role = role;
        this.sink = new CapturingSink(role);
        this.connection = new Connection(role, settings, compression, MaskKeySource.fixed(KEY), listener, sink);
    }

    public static TestPeer server() {
        return new TestPeer(Role.SERVER, ConnectionSettings.DEFAULTS, null);
    }

    public static TestPeer client() {
        return new TestPeer(Role.CLIENT, ConnectionSettings.DEFAULTS, null);
    }

    public static TestPeer server(ConnectionSettings settings) {
        return new TestPeer(Role.SERVER, settings, null);
    }

    public TestPeer receiveHex(String hex) {
        connection.receive(Hex.buffer(hex));
        return this;
    }

    public TestPeer receive(byte[] bytes) {
        connection.receive(ByteBuffer.wrap(bytes));
        return this;
    }

    /** A frame as the peer of this connection would send it: masked towards a server. */
    public byte[] frameFromPeer(boolean fin, int rsv, int opcode, byte[] payload) {
        ByteBuffer frame = FrameEncoder.encode(fin, rsv, opcode, ByteBuffer.wrap(payload),
                role == Role.SERVER, KEY);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    public TestPeer receiveFrame(boolean fin, int opcode, byte[] payload) {
        return receive(frameFromPeer(fin, 0, opcode, payload));
    }

    /** The close code both seen by the listener and written in the Close frame sent. */
    public int errorCloseCode() {
        if (listener.error == null) {
            throw new AssertionError("no protocol error reported; events: " + listener.events);
        }
        int sent = sink.closeCode();
        if (sent != listener.error.closeCode()) {
            throw new AssertionError("Close frame carries " + sent + " but the error says " + listener.error.closeCode());
        }
        return sent;
    }
}
