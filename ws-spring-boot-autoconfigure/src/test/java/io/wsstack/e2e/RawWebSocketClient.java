package io.wsstack.e2e;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately naive client on a plain socket, for what real clients refuse to do: forbidden
 * headers, invalid UTF-8, oversized frames, never reading, never answering a Close.
 */
final class RawWebSocketClient implements Closeable {

    /** A response head: status and headers (names lower-cased). */
    record Head(int status, Map<String, String> headers) {
    }

    /** A frame as received: opcode and payload. */
    record Frame(int opcode, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawWebSocketClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects; a positive {@code receiveBuffer} shrinks the socket's receive buffer (slow-consumer tests). */
    static RawWebSocketClient connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout(15_000);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        return new RawWebSocketClient(socket);
    }

    /** A client on a socket connected already (a TLS socket, say). */
    static RawWebSocketClient over(Socket socket) throws IOException {
        socket.setSoTimeout(15_000);
        return new RawWebSocketClient(socket);
    }

    /** A well-formed upgrade request head for {@code path} with extra header lines. */
    static String upgradeRequest(int port, String path, String... extraLines) {
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        boolean versionGiven = false;
        for (String line : extraLines) {
            versionGiven |= line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-version:");
            head.append(line).append("\r\n");
        }
        if (!versionGiven) {
            head.append("Sec-WebSocket-Version: 13\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** Sends a request head and reads the response head. */
    Head request(String head) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readHead();
    }

    /**
     * Sends a request head and a masked text frame in one write, so that the server's HTTP layer
     * reads the frame together with the head, then reads the response head.
     */
    Head requestWithFrame(String head, String text) throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(head.getBytes(StandardCharsets.ISO_8859_1));
        both.write(maskedFrame(true, 1, text.getBytes(StandardCharsets.UTF_8)));
        out.write(both.toByteArray());
        out.flush();
        return readHead();
    }

    private Head readHead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the response head");
            }
            bytes.write(b);
            last4 = (last4 << 8) | b;
        }
        String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        return new Head(status, headers);
    }

    /** Reads everything until the server closes the connection (fails after the socket timeout if it does not). */
    byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    /** Sends one masked frame (mask key 0x37fa213d, as in RFC 6455 §5.7). */
    void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        out.write(maskedFrame(fin, opcode, payload));
        out.flush();
    }

    /** Sends bytes as they are, in one write (several frames land in one server read). */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One frame as {@link #sendFrame} sends it (masked), for {@link #sendRaw}. */
    static byte[] maskedFrame(boolean fin, int opcode, byte[] payload) {
        byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        frame.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ key[i & 3]);
        }
        return frame.toByteArray();
    }

    /** Sends a text frame without a mask, which a client must never do (RFC 6455 §5.1). */
    void sendUnmaskedText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        out.write(new byte[] {(byte) 0x81, (byte) payload.length});
        out.write(payload);
        out.flush();
    }

    void sendText(String text) throws IOException {
        sendFrame(true, 1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads one server frame (unmasked, as RFC 6455 §5.1 requires). */
    Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        if ((b1 & 0x80) != 0) {
            throw new IOException("server frame is masked");
        }
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

    /** Reads frames until a Close frame, skipping data and pings. */
    Frame readUntilClose() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == 8) {
                return frame;
            }
        }
    }

    /** Reads and discards everything until the server drops the connection; true if it did (EOF or reset). */
    boolean drainUntilDropped() {
        byte[] sink = new byte[64 * 1024];
        try {
            while (in.read(sink) >= 0) {
                // discard
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    /** Sends a frame header announcing more payload than follows, then resets the connection (RST). */
    void resetMidFrame() throws IOException {
        out.write(new byte[] {(byte) 0x82, (byte) 0xFE, 0x10, 0x00, 0x37, (byte) 0xfa, 0x21, 0x3d, 1, 2, 3});
        out.flush();
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
