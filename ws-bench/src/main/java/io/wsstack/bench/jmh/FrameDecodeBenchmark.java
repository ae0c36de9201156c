package io.wsstack.bench.jmh;

import io.wsstack.core.Connection;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.MaskKeySource;
import io.wsstack.core.Role;
import io.wsstack.core.WebSocketListener;
import io.wsstack.core.internal.frame.FrameDecoder;
import io.wsstack.core.internal.frame.FrameEncoder;
import io.wsstack.core.internal.frame.FrameHandler;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Receiving one binary frame: the bare {@link FrameDecoder}, and the whole receive path of a
 * {@link Connection} (decoder, message assembly, listener call), against the limit of reading
 * the frame's bytes once, a {@code System.arraycopy} of the whole frame.
 *
 * <p>A masked frame is what a server receives (it is unmasked in place, so each call unmasks the
 * previous call's output: same work, different bytes); an unmasked one is what a client receives,
 * where the payload is handed on without being touched, so ours can beat the copy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameDecodeBenchmark {

    @Param({"16", "1024", "65536"})
    public int size;

    @Param({"true", "false"})
    public boolean masked;

    private ByteBuffer frame;
    private byte[] frameCopy;
    private FrameDecoder decoder;
    private Connection connection;
    private Blackhole blackhole;

    @Setup
    public void setUp(Blackhole bh) {
        this.blackhole = bh;
        frame = FrameEncoder.encode(true, 0, WebSocketProtocol.OPCODE_BINARY, ByteBuffer.wrap(Payloads.binary(size)),
                masked, 0x37FA213D);
        frameCopy = new byte[frame.remaining()];
        Role receiver = masked ? Role.SERVER : Role.CLIENT;
        decoder = new FrameDecoder(receiver, 1 << 20, false, new FrameHandler() {
            @Override
            public void onFrameStart(boolean fin, int rsv, int opcode, long length) {
                blackhole.consume(length);
            }

            @Override
            public void onPayload(ByteBuffer chunk) {
                blackhole.consume(chunk);
            }

            @Override
            public void onFrameEnd() {
            }
        });
        connection = new Connection(receiver, ConnectionSettings.DEFAULTS, null, MaskKeySource.fixed(1),
                new WebSocketListener() {
                    @Override
                    public void onBinary(Connection c, ByteBuffer data) {
                        blackhole.consume(data);
                    }
                }, (bytes, control) -> blackhole.consume(bytes));
    }

    /** Ours: header parsing, rule checks and (when masked) unmasking. */
    @Benchmark
    public void decode() {
        frame.clear();
        decoder.decode(frame);
    }

    /** Ours: {@link Connection#receive} up to the {@code onBinary} call. */
    @Benchmark
    public void connectionReceive() {
        frame.clear();
        connection.receive(frame);
    }

    /** The limit: copy the frame once. */
    @Benchmark
    public Object jdkCopy() {
        System.arraycopy(frame.array(), 0, frameCopy, 0, frameCopy.length);
        return frameCopy;
    }
}
