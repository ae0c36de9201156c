package io.wsstack.sample.grafana;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A hand-written WebSocket peer on a plain socket, for the inputs a well-behaved client library
 * refuses to produce: an upgrade request with a foreign Origin or to an unknown path, and an
 * unmasked client frame.
 */
final class RawSocketPeer implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private RawSocketPeer(int port) throws IOException {
        this.socket = new Socket("localhost", port);
        this.socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
    }

    /** Sends an upgrade request and returns the peer with the response's status line already read. */
    static RawSocketPeer upgrade(int port, String path, String origin, StringBuilder statusLine) throws IOException {
        RawSocketPeer peer = new RawSocketPeer(port);
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Origin: " + origin + "\r\n\r\n";
        peer.socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        statusLine.append(peer.readHead().lines().findFirst().orElse(""));
        return peer;
    }

    /** Writes raw bytes: a frame as the test spells it out. */
    void write(byte... bytes) throws IOException {
        socket.getOutputStream().write(bytes);
    }

    /** Reads one server frame with a 7-bit length and returns its first two payload bytes as a close code. */
    int readCloseCode() throws IOException {
        int opcode = in.read() & 0x0f;
        int length = in.read() & 0x7f;
        byte[] payload = in.readNBytes(length);
        if (opcode != 0x8 || payload.length < 2) {
            throw new IOException("expected a Close frame with a code, got opcode " + opcode + " length " + length);
        }
        return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
