package io.wsstack.conformance.wire;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The raw peers' own permessage-deflate (RFC 7692 §7.2) — the test client's, and the scripted
 * server's in the client mirror cases — written directly on
 * {@link Deflater}/{@link Inflater} and not on the engine's codec, so that a bug in the engine is
 * not mirrored in the client that checks it.
 */
public final class ClientDeflate implements AutoCloseable {

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final boolean resetDeflater;
    private final boolean resetInflater;

    /**
     * @param clientNoContextTakeover whether the client resets its compressor after each message
     * @param serverNoContextTakeover whether the server resets its compressor after each message
     */
    public ClientDeflate(boolean clientNoContextTakeover, boolean serverNoContextTakeover) {
        this(clientNoContextTakeover, serverNoContextTakeover, 15);
    }

    /**
     * @param clientMaxWindowBits the {@code client_max_window_bits} the server answered (15 when it did
     *                            not): below 15 the client compresses Huffman-only, without any back
     *                            reference, since {@link Deflater} cannot limit its 32 KiB window and
     *                            RFC 7692 §7.1.2.2 forbids references beyond the answered window
     */
    public ClientDeflate(boolean clientNoContextTakeover, boolean serverNoContextTakeover, int clientMaxWindowBits) {
        this.resetDeflater = clientNoContextTakeover;
        this.resetInflater = serverNoContextTakeover;
        if (clientMaxWindowBits < 15) {
            deflater.setStrategy(Deflater.HUFFMAN_ONLY);
        }
    }

    /** Compresses one whole message: DEFLATE blocks ending in a sync flush, its 4-byte tail removed (§7.2.1). */
    public byte[] compress(byte[] message) {
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        byte[] buffer = new byte[8192];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        byte[] bytes = out.toByteArray();
        if (resetDeflater) {
            deflater.reset();
        }
        if (bytes.length >= 4 && Arrays.equals(bytes, bytes.length - 4, bytes.length, TAIL, 0, 4)) {
            return Arrays.copyOf(bytes, bytes.length - 4);
        }
        return bytes;
    }

    /** Inflates one whole message after appending the removed tail (§7.2.2). */
    public byte[] inflate(byte[] compressed) {
        byte[] input = Arrays.copyOf(compressed, compressed.length + 4);
        System.arraycopy(TAIL, 0, input, compressed.length, 4);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4 + 64);
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                int n = inflater.inflate(buffer);
                out.write(buffer, 0, n);
                if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("server sent corrupt DEFLATE data", e);
        }
        if (resetInflater) {
            inflater.reset();
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }
}
