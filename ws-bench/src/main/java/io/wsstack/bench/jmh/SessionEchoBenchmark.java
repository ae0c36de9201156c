package io.wsstack.bench.jmh;

import io.wsstack.core.Connection;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.Role;
import io.wsstack.core.internal.frame.FrameEncoder;
import io.wsstack.core.internal.frame.WebSocketProtocol;
import io.wsstack.core.session.InboundEvent;
import io.wsstack.core.session.OutboundFrames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
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
 * One echoed message through the session core, as a server transport runs it, without sockets:
 * a batch of masked 20-byte text frames (one read) goes into the engine; the {@link InboundEvent}
 * pump yields one message at a time; the "handler" echoes it; the echoes are queued in
 * {@link OutboundFrames} and drained once for one gathering write. Run with {@code -prof gc}: the
 * figure that matters is {@code gc.alloc.rate.norm} divided by {@code batch}, bytes allocated per
 * echoed message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionEchoBenchmark {

    /** Messages per read (1: one in flight; 16: a pipelining client). */
    @Param({"1", "16"})
    public int batch;

    private byte[] pristine;
    private ByteBuffer read;
    private final InboundEvent event = new InboundEvent(false);
    private final OutboundFrames queue = new OutboundFrames();
    private final ByteBuffer[] gather = new ByteBuffer[64];
    private final CompletableFuture<?>[] futures = new CompletableFuture<?>[64];
    private Connection connection;

    @Setup
    public void setUp() {
        byte[] text = "twenty bytes of text".getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = FrameEncoder.encode(true, 0, WebSocketProtocol.OPCODE_TEXT, ByteBuffer.wrap(text), true, 0x37FA213D);
        pristine = new byte[frame.remaining() * batch];
        for (int i = 0; i < batch; i++) {
            frame.duplicate().get(pristine, i * frame.remaining(), frame.remaining());
        }
        read = ByteBuffer.allocate(pristine.length);
        connection = new Connection(Role.SERVER, ConnectionSettings.DEFAULTS, null, null, event,
                (frames, control) -> {
                    if (control) {
                        queue.addControl(frames, null);
                    } else {
                        queue.addData(frames, null);
                    }
                });
    }

    /** One read of {@code batch} messages: decode, echo each, drain the queue once; returns the echoes written. */
    @Benchmark
    public int echoReadBatch() {
        // The engine unmasks in place: restore the wire bytes (a copy into the transport's read buffer).
        read.clear();
        read.put(pristine).flip();
        while (read.hasRemaining()) {
            connection.receive(read);
            if (event.kind() == InboundEvent.Kind.TEXT) {
                connection.sendText(event.text());
            }
            event.clear();
        }
        int n = queue.drainTo(gather, futures, gather.length);
        Arrays.fill(gather, 0, n, null);
        return n;
    }
}
