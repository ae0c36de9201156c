package io.wsstack.bench.jmh;

import io.wsstack.core.internal.frame.FrameEncoder;
import io.wsstack.core.internal.frame.WebSocketProtocol;
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
 * Encoding one binary frame with {@link FrameEncoder} (a new array holding header and payload,
 * masked when a client sends), against the limit for an encoder that hands out a fresh buffer:
 * allocate an array of the frame's size and {@code System.arraycopy} the payload into it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameEncodeBenchmark {

    @Param({"16", "1024", "65536"})
    public int size;

    @Param({"true", "false"})
    public boolean masked;

    private ByteBuffer payload;
    private int key;

    @Setup
    public void setUp() {
        payload = ByteBuffer.wrap(Payloads.binary(size));
    }

    /** Ours: header, copy, and (when masked) masking with a new key per frame. */
    @Benchmark
    public ByteBuffer encode() {
        key += 0x9E3779B9; // a cheap changing key: the key source is not what is measured
        return FrameEncoder.encode(true, 0, WebSocketProtocol.OPCODE_BINARY, payload, masked, key);
    }

    /** The limit: a new array of the frame's size with the payload copied in. */
    @Benchmark
    public ByteBuffer jdkCopy() {
        int header = FrameEncoder.headerLength(size, masked);
        byte[] frame = new byte[header + size];
        System.arraycopy(payload.array(), 0, frame, header, size);
        return ByteBuffer.wrap(frame);
    }
}
