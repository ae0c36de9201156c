package io.wsstack.core.deflate;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The binding every Java runs: {@code java.util.zip}, which always uses a 32 KiB window and zlib's
 * default memory level (about 300 KiB of native memory for a compressor and decompressor pair).
 * It is today's behaviour, and the fallback whenever the FFM binding cannot be used.
 */
final class JdkZlib implements ZlibBinding {

    static final JdkZlib INSTANCE = new JdkZlib();

    private static final byte[] NO_INPUT = new byte[0];

    private JdkZlib() {
    }

    @Override
    public RawDeflater newDeflater(int level, int windowBits, int memoryLevel) {
        return new JdkDeflater(new Deflater(level, true));
    }

    @Override
    public RawInflater newInflater(int windowBits) {
        return new JdkInflater(new Inflater(true));
    }

    @Override
    public boolean choosesWindow() {
        return false;
    }

    @Override
    public String description() {
        return "java.util.zip";
    }

    private static final class JdkDeflater implements RawDeflater {
        private final Deflater deflater;

        JdkDeflater(Deflater deflater) {
            this.deflater = deflater;
        }

        @Override
        public int deflate(ByteBuffer input, byte[] out, int offset, int length) {
            deflater.setInput(input);
            try {
                return deflater.deflate(out, offset, length, Deflater.SYNC_FLUSH);
            } finally {
                deflater.setInput(NO_INPUT); // do not keep the caller's buffer reachable
            }
        }

        @Override
        public void reset() {
            deflater.reset();
        }

        @Override
        public void end() {
            deflater.end();
        }
    }

    private static final class JdkInflater implements RawInflater {
        private final Inflater inflater;

        JdkInflater(Inflater inflater) {
            this.inflater = inflater;
        }

        @Override
        public int inflate(ByteBuffer input, byte[] out, int offset, int length) throws DataFormatException {
            inflater.setInput(input);
            try {
                return inflater.inflate(out, offset, length);
            } finally {
                inflater.setInput(NO_INPUT); // do not keep the transport's buffer reachable
            }
        }

        @Override
        public boolean finished() {
            return inflater.finished();
        }

        @Override
        public void reset() {
            inflater.reset();
        }

        @Override
        public void end() {
            inflater.end();
        }
    }
}
