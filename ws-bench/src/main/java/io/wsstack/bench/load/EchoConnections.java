package io.wsstack.bench.load;

import java.io.IOException;

/**
 * One server's open load connections, on which echo phases run one after another. Two load
 * generators implement it: {@link NettyConnections} (Netty's client codec, in the harness JVM) and
 * {@link NativeConnections} (the C client {@code wsload}, in its own process).
 */
interface EchoConnections extends AutoCloseable {

    /** Where the measured window of a phase opens and closes, so the harness can read the server's CPU. */
    interface Window {
        void opened() throws IOException;

        void closed() throws IOException;
    }

    /**
     * What one phase measured. Latencies are round trips in nanoseconds, nearest-rank percentiles.
     * {@code wire} is null when the generator cannot see the frames (Netty's client inflates before
     * the harness sees a message).
     */
    record Outcome(long messages, long p50Nanos, long p99Nanos, long p999Nanos, long wrongEchoes,
                   long lostConnections, Wire wire) {

        Outcome(long messages, long p50Nanos, long p99Nanos, long p999Nanos, long wrongEchoes, long lostConnections) {
            this(messages, p50Nanos, p99Nanos, p999Nanos, wrongEchoes, lostConnections, null);
        }
    }

    /**
     * The server's echoes of a whole phase (warm-up included) as they came over the wire: frame payload
     * bytes, the same echoes' message bytes after inflating, how many echoes, how many with RSV1. A
     * server that negotiates permessage-deflate but sends its echoes uncompressed shows up here.
     */
    record Wire(long wireBytes, long messageBytes, long echoes, long compressedEchoes) {

        /** Frame payload ÷ message bytes: below 1 when the server compresses. */
        double ratio() {
            return messageBytes == 0 ? Double.NaN : (double) wireBytes / messageBytes;
        }

        /** Share of echoes that came compressed (RSV1). */
        double compressedShare() {
            return echoes == 0 ? Double.NaN : (double) compressedEchoes / echoes;
        }
    }

    /**
     * Runs one phase of {@code scenario}: {@code warmupNanos} of discarded traffic, then
     * {@code measureNanos} measured, then waits for the echoes still in flight.
     *
     * @param stride connection {@code i} starts its walk through the messages at {@code i × stride}
     */
    default Outcome run(Scenario scenario, int stride, long warmupNanos, long measureNanos, Window window)
            throws IOException, InterruptedException {
        return run(PayloadSet.of(scenario.messageSize()), scenario.inFlight(), stride, warmupNanos, measureNanos,
                window);
    }

    /** The same with given messages, e.g. the JSON-like texts of the deflate measurements. */
    Outcome run(PayloadSet messages, int inFlight, int stride, long warmupNanos, long measureNanos, Window window)
            throws IOException, InterruptedException;

    /** Closes the connections (TCP close, no Close handshake). */
    @Override
    void close();

    /** A window nobody measures (warm-up phases). */
    Window UNMEASURED = new Window() {
        @Override
        public void opened() {
        }

        @Override
        public void closed() {
        }
    };
}
