package io.wsstack.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Connections of the Netty load generator ({@link LoadClient}): one {@link EchoLoop} each. */
final class NettyConnections implements EchoConnections {

    private final List<EchoLoop> loops;

    NettyConnections(List<EchoLoop> loops) {
        this.loops = loops;
    }

    @Override
    public Outcome run(PayloadSet messages, int inFlight, int stride, long warmupNanos, long measureNanos,
                       Window window) throws IOException, InterruptedException {
        Phase phase = new Phase(messages, inFlight, loops.size(), warmupNanos, measureNanos);
        for (int i = 0; i < loops.size(); i++) {
            loops.get(i).start(phase, i * stride);
        }
        sleepUntil(phase.measureStart);
        window.opened();
        sleepUntil(phase.measureEnd);
        window.closed();
        phase.awaitFinished(10_000);
        List<LatencySamples> parts = new ArrayList<>(loops.size());
        for (EchoLoop loop : loops) {
            parts.add(loop.samples());
        }
        long[] sorted = LatencySamples.mergeSorted(parts);
        return new Outcome(sorted.length, LatencySamples.percentile(sorted, 50),
                LatencySamples.percentile(sorted, 99), LatencySamples.percentile(sorted, 99.9),
                phase.wrongEchoes(), phase.lostConnections() + phase.unfinishedConnections());
    }

    @Override
    public void close() {
        LoadClient.close(loops);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
