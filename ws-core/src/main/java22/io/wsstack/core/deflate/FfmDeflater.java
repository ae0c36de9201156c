package io.wsstack.core.deflate;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * A raw-DEFLATE compressor on the system's zlib: {@code deflateInit2_(strm, level, Z_DEFLATED,
 * -windowBits, memLevel, Z_DEFAULT_STRATEGY)}, negative window bits meaning "no zlib header".
 * Input is copied into native scratch memory chunk by chunk; only the last chunk of a call is
 * flushed with {@code Z_SYNC_FLUSH}, so a large message gets one flush marker, at its end.
 */
final class FfmDeflater implements RawDeflater {

    private final FfmZlib zlib;
    private final ZStream stream;

    FfmDeflater(FfmZlib zlib, int level, int windowBits, int memoryLevel) {
        if (windowBits < 9 || windowBits > 15 || memoryLevel < 1 || memoryLevel > 9) {
            // zlib refuses raw deflate with 8 window bits; callers map 8 to 9 (see ServerDeflateNegotiator).
            throw new IllegalArgumentException("window bits 9-15 and memory level 1-9, was "
                    + windowBits + " and " + memoryLevel);
        }
        this.zlib = zlib;
        this.stream = new ZStream(s -> (int) zlib.deflateInit2.invokeExact(s, level, FfmZlib.Z_DEFLATED,
                -windowBits, memoryLevel, FfmZlib.Z_DEFAULT_STRATEGY, zlib.version, ZStream.SIZE),
                zlib.deflateEnd);
    }

    @Override
    public int deflate(ByteBuffer input, byte[] out, int offset, int length) {
        NativeScratch scratch = NativeScratch.acquire();
        try {
            int written = 0;
            while (true) {
                int chunk = Math.min(input.remaining(), NativeScratch.CAPACITY);
                boolean last = chunk == input.remaining();
                MemorySegment.copy(MemorySegment.ofBuffer(input), 0, scratch.in, 0, chunk);
                int room = Math.min(length - written, NativeScratch.CAPACITY);
                stream.setInput(scratch.in, chunk);
                stream.setOutput(scratch.out, room);
                int flush = last ? FfmZlib.Z_SYNC_FLUSH : FfmZlib.Z_NO_FLUSH;
                int rc = FfmZlib.call("deflate", () -> (int) zlib.deflate.invokeExact(stream.strm, flush));
                if (rc != FfmZlib.Z_OK && rc != FfmZlib.Z_BUF_ERROR) {
                    throw new IllegalStateException("zlib deflate returned " + rc + " " + stream.message());
                }
                input.position(input.position() + chunk - stream.availIn());
                int left = stream.availOut();
                int produced = room - left;
                MemorySegment.copy(scratch.out, ValueLayout.JAVA_BYTE, 0, out, offset + written, produced);
                written += produced;
                if (written == length || (last && left > 0)) {
                    // Output full (the caller calls again), or the flush is complete with all input consumed.
                    return written;
                }
            }
        } finally {
            NativeScratch.release(scratch);
        }
    }

    @Override
    public int saveWindow(byte[] into) {
        return WindowTransfer.save("deflateGetDictionary", zlib.deflateGetDictionary, stream.strm, into);
    }

    @Override
    public void restoreWindow(byte[] window, int length) {
        WindowTransfer.restore("deflateSetDictionary", zlib.deflateSetDictionary, stream.strm, window, length);
    }

    @Override
    public void reset() {
        FfmZlib.requireOk("deflateReset", () -> (int) zlib.deflateReset.invokeExact(stream.strm));
    }

    @Override
    public void end() {
        stream.end();
    }
}
