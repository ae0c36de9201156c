package io.wsstack.core.deflate;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/**
 * A raw-DEFLATE decompressor on the system's zlib: {@code inflateInit2_(strm, -windowBits)}. zlib
 * allocates the window itself, at the first message, at the size asked for here: 256 bytes to
 * 32 KiB instead of java.util.zip's fixed 32 KiB.
 */
final class FfmInflater implements RawInflater {

    private final FfmZlib zlib;
    private final ZStream stream;
    private boolean finished;

    FfmInflater(FfmZlib zlib, int windowBits) {
        if (windowBits < 8 || windowBits > 15) {
            throw new IllegalArgumentException("window bits 8-15, was " + windowBits);
        }
        this.zlib = zlib;
        this.stream = new ZStream(s -> (int) zlib.inflateInit2.invokeExact(s, -windowBits, zlib.version, ZStream.SIZE),
                zlib.inflateEnd);
    }

    @Override
    public int inflate(ByteBuffer input, byte[] out, int offset, int length) throws DataFormatException {
        NativeScratch scratch = NativeScratch.acquire();
        try {
            while (true) {
                int chunk = Math.min(input.remaining(), NativeScratch.CAPACITY);
                int room = Math.min(length, NativeScratch.CAPACITY);
                MemorySegment.copy(MemorySegment.ofBuffer(input), 0, scratch.in, 0, chunk);
                stream.setInput(scratch.in, chunk);
                stream.setOutput(scratch.out, room);
                int rc = FfmZlib.call("inflate", () -> (int) zlib.inflate.invokeExact(stream.strm, FfmZlib.Z_SYNC_FLUSH));
                int consumed = chunk - stream.availIn();
                input.position(input.position() + consumed);
                int produced = room - stream.availOut();
                MemorySegment.copy(scratch.out, ValueLayout.JAVA_BYTE, 0, out, offset, produced);
                switch (rc) {
                    case FfmZlib.Z_STREAM_END -> finished = true;
                    case FfmZlib.Z_OK, FfmZlib.Z_BUF_ERROR -> { }
                    case FfmZlib.Z_DATA_ERROR -> throw new DataFormatException(stream.message());
                    case FfmZlib.Z_NEED_DICT -> throw new DataFormatException("a preset dictionary is needed");
                    case FfmZlib.Z_MEM_ERROR -> throw new OutOfMemoryError("zlib inflate: out of native memory");
                    default -> throw new IllegalStateException("zlib inflate returned " + rc + " " + stream.message());
                }
                // Input larger than the scratch buffer may need several calls before any output.
                if (produced > 0 || finished || consumed == 0 || !input.hasRemaining()) {
                    return produced;
                }
            }
        } finally {
            NativeScratch.release(scratch);
        }
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public int saveWindow(byte[] into) {
        return WindowTransfer.save("inflateGetDictionary", zlib.inflateGetDictionary, stream.strm, into);
    }

    @Override
    public void restoreWindow(byte[] window, int length) {
        WindowTransfer.restore("inflateSetDictionary", zlib.inflateSetDictionary, stream.strm, window, length);
    }

    @Override
    public void reset() {
        finished = false;
        FfmZlib.requireOk("inflateReset", () -> (int) zlib.inflateReset.invokeExact(stream.strm));
    }

    @Override
    public void end() {
        stream.end();
    }
}
