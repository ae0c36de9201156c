package io.wsstack.spring.servlet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * What the {@code ws.*} meters cost per echoed message, as CPU time of the thread that runs the
 * session ({@link ThreadMXBean#getCurrentThreadCpuTime()}), not wall-clock time: on a shared
 * machine a thread that waits for a core is not charged for the wait, so meters on and off can be
 * compared even while other builds run. It drives {@link ServletSessionEchoBenchmark} (the server's
 * real session classes, a Prometheus registry when meters are on) with the eight combinations of
 * 1 or 16 messages per read, meters on or off, and handlers inline or on a lane (the Tomcat
 * takeover's and Reactor Netty's default), interleaved round by round so that a busy phase of the
 * machine hits all of them alike, and prints the median per combination and the ratio.
 *
 * <pre>java -cp "ws-bench/target/classes:$(cat ws-bench/target/classpath.txt)" io.wsstack.spring.servlet.MetersCostProbe [rounds]</pre>
 */
public final class MetersCostProbe {

    private static final int OPS_PER_ROUND = 20_000;

    private MetersCostProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int[] batches = {1, 16};
        boolean[] meters = {true, false};
        boolean[] lanes = {false, true};
        // Index: lane * 4 + batch * 2 + (meters ? 0 : 1).
        ServletSessionEchoBenchmark[] benches = new ServletSessionEchoBenchmark[8];
        for (int i = 0; i < 8; i++) {
            ServletSessionEchoBenchmark b = new ServletSessionEchoBenchmark();
            b.lane = lanes[i / 4];
            b.batch = batches[(i / 2) % 2];
            b.meters = meters[i % 2];
            b.setUp();
            benches[i] = b;
        }
        // Warm-up: every combination compiled before anything is measured.
        for (int w = 0; w < 5; w++) {
            for (ServletSessionEchoBenchmark b : benches) {
                for (int k = 0; k < OPS_PER_ROUND; k++) {
                    b.echoReadBatch();
                }
            }
        }
        double[][] nanosPerMessage = new double[benches.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < benches.length; i++) {
                ServletSessionEchoBenchmark b = benches[i];
                long start = threads.getCurrentThreadCpuTime();
                for (int k = 0; k < OPS_PER_ROUND; k++) {
                    b.echoReadBatch();
                }
                long cpu = threads.getCurrentThreadCpuTime() - start;
                nanosPerMessage[i][r] = (double) cpu / OPS_PER_ROUND / b.batch;
            }
        }
        for (ServletSessionEchoBenchmark b : benches) {
            b.tearDown();
        }
        for (int pair = 0; pair < benches.length / 2; pair++) {
            double on = median(nanosPerMessage[pair * 2]);
            double off = median(nanosPerMessage[pair * 2 + 1]);
            System.out.printf("%-6s batch %2d: meters on %7.1f ns/msg, off %7.1f ns/msg, on/off %.3f%n",
                    lanes[pair / 2] ? "lane" : "inline", batches[pair % 2], on, off, on / off);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
