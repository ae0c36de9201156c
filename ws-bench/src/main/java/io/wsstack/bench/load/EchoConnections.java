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

    /** What one phase measured. Latencies are round trips in nanoseconds, nearest-rank percentiles. */
    record Outcome(long messages, long p50Nanos, long p99Nanos, long p999Nanos, long wrongEchoes,
                   long lostConnections) {
    }

    /**
     * Runs one phase of {@code scenario}: {@code warmupNanos} of discarded traffic, then
     * {@code measureNanos} measured, then waits for the echoes still in flight.
     *
     * @param stride connection {@code i} starts its walk through the messages at {@code i × stride}
     */
    Outcome run(Scenario scenario, int stride, long warmupNanos, long measureNanos, Window window)
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
