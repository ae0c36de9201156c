package io.wsstack.client.bomb;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One attacking connection on a raw socket, written from RFC 6455 and RFC 7692 alone: it offers
 * permessage-deflate, writes a message compressed in advance (the same bytes for every connection,
 * since each starts with a fresh compression context) in one write, and reads what comes back: the
 * echo, inflated with {@link Inflater}, or a Close frame. Sending pre-compressed bytes is what makes
 * the bombs arrive together, as from many clients at once.
 */
final class RawDeflateBomber implements AutoCloseable {

    /** What the server answered. */
    record Answer(byte[] echo, int closeCode) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawDeflateBomber(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(120_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        out.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            head.write(b);
        }
        String response = head.toString(StandardCharsets.ISO_8859_1);
        if (!response.startsWith("HTTP/1.1 101") || !response.toLowerCase().contains("permessage-deflate")) {
            throw new IOException("no permessage-deflate upgrade: " + response);
        }
    }

    /** A masked, compressed (RSV1) text frame carrying {@code message}, deflated as RFC 7692 §7.2.1 says. */
    static byte[] compressedTextFrame(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(message);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            deflated.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        deflater.end();
        byte[] payload = deflated.toByteArray();
        payload = Arrays.copyOf(payload, payload.length - 4); // drop the 00 00 FF FF tail
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | 0x40 | 0x1);
        if (payload.length <= 125) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        frame.writeBytes(new byte[4]); // mask key 0: the payload goes out as it is
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    void send(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    /** Reads the next data message (inflated when RSV1 is set) or Close. */
    Answer read(int maxMessage) throws IOException {
        DataInputStream data = new DataInputStream(in);
        while (true) {
            int b0 = data.readUnsignedByte();
            int b1 = data.readUnsignedByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = data.readUnsignedShort();
            } else if (length == 127) {
                length = data.readLong();
            }
            byte[] payload = new byte[(int) length];
            data.readFully(payload);
            int opcode = b0 & 0x0F;
            if (opcode == 0x8) {
                int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                return new Answer(null, code);
            }
            if (opcode == 0x1 || opcode == 0x2) {
                return new Answer((b0 & 0x40) != 0 ? inflate(payload, maxMessage) : payload, 0);
            }
        }
    }

    private static byte[] inflate(byte[] payload, int maxMessage) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            byte[] input = Arrays.copyOf(payload, payload.length + 4);
            input[payload.length + 2] = (byte) 0xFF;
            input[payload.length + 3] = (byte) 0xFF;
            inflater.setInput(input);
            byte[] out = new byte[maxMessage + 1];
            int total = 0;
            while (!inflater.needsInput() && total < out.length) {
                total += inflater.inflate(out, total, out.length - total);
            }
            return Arrays.copyOf(out, total);
        } catch (DataFormatException e) {
            throw new IOException("echo does not inflate", e);
        } finally {
            inflater.end();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
