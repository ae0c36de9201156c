package io.wsstack.proxy.e2e;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A client on a plain socket, for requests real clients never send and for a client that stops reading. */
final class RawPeer implements AutoCloseable {

    /** A response head: the status and the whole head text. */
    record Head(int status, String text) {
        String header(String name) {
            return StubUpstream.header(text, name);
        }
    }

    /** A frame as received. */
    record Frame(int opcode, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects; a positive {@code receiveBuffer} shrinks the socket's receive buffer. */
    static RawPeer connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout(15_000);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        return new RawPeer(socket);
    }

    /** An upgrade request head for {@code path}: method, version line and extra header lines as given. */
    static String upgrade(String method, int port, String path, String... lines) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\n");
        for (String line : lines) {
            head.append(line).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** The usual key, version and Connection lines of a valid request. */
    static String[] valid(String... more) {
        String[] lines = new String[3 + more.length];
        lines[0] = "Connection: Upgrade";
        lines[1] = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
        lines[2] = "Sec-WebSocket-Version: 13";
        System.arraycopy(more, 0, lines, 3, more.length);
        return lines;
    }

    Head request(String head) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String text = StubUpstream.readHead(in);
        return new Head(Integer.parseInt(text.split(" ")[1]), text);
    }

    /** Sends one masked frame, as a client must (RFC 6455 §5.3). */
    void sendFrame(int opcode, byte[] payload) throws IOException {
        byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        }
        frame.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ key[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new EOFException("connection closed inside a frame");
        }
        return new Frame(b0 & 0x0F, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    /** Drops the TCP connection with a reset, without a Close frame. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
