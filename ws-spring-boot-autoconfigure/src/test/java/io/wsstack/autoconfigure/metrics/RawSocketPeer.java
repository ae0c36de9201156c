package io.wsstack.autoconfigure.metrics;

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
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client on a plain socket for the meter end-to-end test: it can offer
 * permessage-deflate and send compressed frames, which the JDK client cannot, and send what a
 * well-behaved client never would.
 */
final class RawSocketPeer implements Closeable {

    /** The tail RFC 7692 §7.2.1 strips from every compressed message. */
    private static final byte[] DEFLATE_TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    /** A response head: status and headers, names lower-cased. */
    record Head(int status, Map<String, String> headers) {
    }

    /** A frame from the server: RSV1 (compressed), opcode and payload. */
    record Frame(boolean rsv1, int opcode, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawSocketPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawSocketPeer connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(15_000);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        return new RawSocketPeer(socket);
    }

    /** Sends an upgrade request for {@code path} with extra header lines and reads the response head. */
    Head upgrade(int port, String path, String... extraLines) throws IOException {
        StringBuilder head = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        for (String line : extraLines) {
            head.append(line).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readHead();
    }

    /** Sends one final, masked frame; {@code rsv1} marks a compressed message (RFC 7692 §6). */
    void sendFrame(boolean rsv1, int opcode, byte[] payload) throws IOException {
        sendRaw(frame(rsv1, opcode, payload));
    }

    /** Writes these bytes (e.g. several frames, so that the server reads them in one batch) at once. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One final, masked client frame (RFC 6455 §5.2), payload shorter than 64 KiB. */
    static byte[] frame(boolean rsv1, int opcode, byte[] payload) throws IOException {
        byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | (rsv1 ? 0x40 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        }
        frame.write(key);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ key[i & 3]);
        }
        return frame.toByteArray();
    }

    /** Reads one server frame of up to 64 KiB. */
    Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        int length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            throw new IOException("frame too large for this test client");
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new EOFException("connection closed inside a frame");
        }
        return new Frame((b0 & 0x40) != 0, b0 & 0x0F, payload);
    }

    /** Reads frames until the server's Close. */
    Frame readUntilClose() throws IOException {
        Frame frame = readFrame();
        while (frame.opcode() != 8) {
            frame = readFrame();
        }
        return frame;
    }

    /** Compresses one message as RFC 7692 §7.2.1 says: raw DEFLATE, sync flush, tail removed. */
    static byte[] deflate(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(message);
            byte[] buffer = new byte[message.length + 64];
            int length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            byte[] compressed = new byte[length - DEFLATE_TAIL.length];
            System.arraycopy(buffer, 0, compressed, 0, compressed.length);
            return compressed;
        } finally {
            deflater.end();
        }
    }

    /** Decompresses one message as RFC 7692 §7.2.2 says: append the tail, then inflate. */
    static byte[] inflate(byte[] compressed, int maxLength) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            byte[] input = new byte[compressed.length + DEFLATE_TAIL.length];
            System.arraycopy(compressed, 0, input, 0, compressed.length);
            System.arraycopy(DEFLATE_TAIL, 0, input, compressed.length, DEFLATE_TAIL.length);
            inflater.setInput(input);
            byte[] output = new byte[maxLength];
            int length = inflater.inflate(output);
            byte[] message = new byte[length];
            System.arraycopy(output, 0, message, 0, length);
            return message;
        } finally {
            inflater.end();
        }
    }

    private Head readHead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = readByte();
            bytes.write(b);
            last4 = (last4 << 8) | b;
        }
        String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new Head(Integer.parseInt(lines[0].split(" ")[1]), headers);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
