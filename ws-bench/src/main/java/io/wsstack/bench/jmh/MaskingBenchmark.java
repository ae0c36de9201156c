package io.wsstack.bench.jmh;

import io.wsstack.core.internal.frame.Masking;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * RFC 6455 §5.3 masking in place ({@link Masking}), on a heap array and on a direct buffer, against
 * the limit for touching every byte once: a plain copy of the same bytes ({@code System.arraycopy}
 * for the heap, {@code ByteBuffer.put} between direct buffers). Masking reads and writes each byte
 * like a copy does, so a ratio near 1 means nothing is left to gain.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MaskingBenchmark {

    @Param({"16", "1024", "65536"})
    public int size;

    @Param({"heap", "direct"})
    public String memory;

    private byte[] array;
    private byte[] arrayCopy;
    private ByteBuffer buffer;
    private ByteBuffer bufferCopy;

    @Setup
    public void setUp() {
        array = Payloads.binary(size);
        arrayCopy = new byte[size];
        buffer = ByteBuffer.allocateDirect(size).put(array).flip();
        bufferCopy = ByteBuffer.allocateDirect(size);
    }

    /** Ours: XOR every byte with the key, eight bytes per step. */
    @Benchmark
    public Object mask() {
        if (memory.equals("heap")) {
            Masking.mask(array, 0, size, 0x37FA213D, 0);
            return array;
        }
        Masking.mask(buffer, 0, size, 0x37FA213D, 0);
        return buffer;
    }

    /** The limit: copy the same bytes once. */
    @Benchmark
    public Object jdkCopy() {
        if (memory.equals("heap")) {
            System.arraycopy(array, 0, arrayCopy, 0, size);
            return arrayCopy;
        }
        bufferCopy.clear();
        bufferCopy.put(buffer.duplicate());
        return bufferCopy;
    }
}
