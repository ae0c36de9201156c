package io.wsstack.spring.servlet;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wsstack.autoconfigure.metrics.MicrometerWsObserver;
import io.wsstack.core.internal.frame.FrameEncoder;
import io.wsstack.core.internal.frame.WebSocketProtocol;
import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.handler.WsHandlerMethodRegistry;
import io.wsstack.spring.transport.LiveSessions;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.convert.support.DefaultConversionService;

/**
 * One echoed message through the server's real session classes, as the servlet transport runs
 * it, with only the socket replaced: a read of {@code batch} masked 20-byte text frames goes to the
 * session's reader ({@code SessionLifecycle.receive}); the engine decodes one message at a time;
 * {@code HandlerInvoker} times the call into a {@code @WsHandler} method found by the real method
 * registry, whose {@code String} return value goes out through {@code ReturnValueSender},
 * {@code ServletWsSession} and {@code FrameWriter}; the batch is flushed once into an in-memory
 * {@link FrameTransport} that consumes the bytes as a container would (it copies them).
 *
 * <p>With {@code meters=true} every {@code ws.*} meter of the endpoint is recorded in a Prometheus
 * registry, as in the sample application with Actuator. Run with {@code -prof gc}: the figure that
 * matters is {@code gc.alloc.rate.norm} divided by {@code batch}, bytes allocated per echoed
 * message; the 20-byte {@code String} handed to the handler (about 64 bytes) is the floor.
 *
 * <p>It lives in the transport's package because the session classes are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ServletSessionEchoBenchmark {

    /** Messages per read (1: one in flight; 16: a pipelining client). */
    @Param({"1", "16"})
    public int batch;

    /** Whether the endpoint's {@code ws.*} meters are recorded. */
    @Param({"true", "false"})
    public boolean meters;

    /**
     * Whether the handler calls run on a lane after the read, as on the Tomcat socket takeover and
     * Reactor Netty by default (the read decodes ahead; the lane's run calls the handlers and
     * flushes once at its end), rather than inline on the reading thread.
     */
    @Param({"false", "true"})
    public boolean lane;

    private byte[] pristine;
    private ByteBuffer read;
    private MemoryTransport transport;
    private ScheduledExecutorService scheduler;

    /** The application's handler: the same echo as the load harness's server. */
    public static class Echo {
        @WsHandler("echo")
        public String text(String message) {
            return message;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        byte[] text = "twenty bytes of text".getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = FrameEncoder.encode(true, 0, WebSocketProtocol.OPCODE_TEXT, ByteBuffer.wrap(text), true, 0x37FA213D);
        pristine = new byte[frame.remaining() * batch];
        for (int i = 0; i < batch; i++) {
            frame.duplicate().get(pristine, i * frame.remaining(), frame.remaining());
        }
        read = ByteBuffer.allocate(pristine.length);

        WsEndpointSettings settings = new WsEndpointSettings("echo", "/echo", List.of(), List.of(), 1 << 20, 1 << 20, 64,
                Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(5), 1 << 20,
                SendBufferOverflowPolicy.CLOSE);
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerBeanDefinition("echo", new RootBeanDefinition(Echo.class));
        WsHandlerMethodRegistry handlers = WsHandlerMethodRegistry.build(beans, List.of(settings), null,
                new DefaultConversionService());
        WsEndpoint endpoint = new WsEndpoint(settings, PathTemplate.parse("/echo"), handlers.handlerFor("echo").orElseThrow());
        List<WsObserver> observers = meters
                ? List.of(new MicrometerWsObserver(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of("echo")))
                : List.of();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-timers");
            t.setDaemon(true);
            return t;
        });
        ServletTransport servlet = new ServletTransport(new LiveSessions(), observers, scheduler, System::nanoTime, name -> null);
        SessionSetup setup = new SessionSetup(endpoint, "/echo", Map.of(), new ConcurrentHashMap<>(), null, null, List.of(),
                new InetSocketAddress("127.0.0.1", 40000), null, false, servlet.context());
        transport = new MemoryTransport(lane);
        ServletWsSession.open(setup, transport);
        if (transport.reader == null) {
            throw new IllegalStateException("the session did not start reading");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scheduler.shutdownNow();
    }

    /** One read of {@code batch} messages: decode, run the handler for each, flush the echoes once; returns the bytes written. */
    @Benchmark
    public long echoReadBatch() {
        // The engine unmasks in place: restore the wire bytes (a copy into the transport's read buffer).
        read.clear();
        read.put(pristine).flip();
        long before = transport.written;
        transport.reader.receive(read);
        if (transport.lane != null) {
            transport.lane.run(transport);
        }
        long echoed = transport.written - before;
        if (echoed != 22L * batch) {
            throw new IllegalStateException("echoed " + echoed + " bytes for " + batch + " messages");
        }
        return echoed;
    }

    /** A container connection in memory: always ready, copies what is written (counted), one buffer per write. */
    static final class MemoryTransport implements FrameTransport {
        final MemoryLane lane;
        FrameTransport.Reader reader;
        Writer writer;
        long written;
        /** A lane run is going on: its sends are flushed once, at its end (as the Tomcat takeover does). */
        boolean inLaneRun;
        boolean flushOwed;

        MemoryTransport(boolean lane) {
            this.lane = lane ? new MemoryLane() : null;
        }

        @Override
        public HandlerLane handlerLane() {
            return lane;
        }

        @Override
        public boolean deferFlush() {
            if (inLaneRun) {
                flushOwed = true;
            }
            return inLaneRun;
        }

        @Override
        public void startWriting(Writer writer) {
            this.writer = writer;
        }

        @Override
        public boolean isWriteReady() {
            return true;
        }

        @Override
        public boolean buffersFreeWhenReady() {
            return true;
        }

        @Override
        public void write(ByteBuffer[] frames, int count) {
            for (int i = 0; i < count; i++) {
                written += frames[i].remaining();
                frames[i].position(frames[i].limit());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void startReading(Reader reader) {
            this.reader = reader;
        }

        @Override
        public void close() {
        }
    }

    /** The handler lane, run on the benchmark's thread once the read has been decoded (one run per read). */
    static final class MemoryLane implements FrameTransport.HandlerLane {
        private final java.util.ArrayDeque<Runnable> calls = new java.util.ArrayDeque<>();

        @Override
        public boolean offer(Runnable call, long bytes) {
            calls.add(call);
            return true;
        }

        void run(MemoryTransport transport) {
            transport.inLaneRun = true;
            transport.reader.laneBatchStarted();
            Runnable call;
            while ((call = calls.poll()) != null) {
                call.run();
            }
            transport.reader.laneBatchEnded();
            transport.inLaneRun = false;
            if (transport.flushOwed) {
                transport.flushOwed = false;
                transport.writer.onWritePossible();
            }
        }
    }
}
