package io.wsstack.conformance.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.deflate.DeflateResources;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;

/**
 * What a fault must give back: live {@code Deflater}/{@code Inflater} instances, open file
 * descriptors of this process ({@code /proc/self/fd}) and heap retained after garbage collection.
 * Taken before a fault and compared after it; counts must return exactly (descriptors within a small
 * tolerance for the JVM's own), heap within a tolerance.
 */
record ResourceSnapshot(long deflaters, long inflaters, int fileDescriptors, long retainedHeap) {

    /** Descriptors the JVM may open or close on its own meanwhile (jar files, epoll, selector pipes). */
    static final int FD_TOLERANCE = 8;
    /** Heap noise between two full collections that is not a leak. */
    static final long HEAP_TOLERANCE = 32L * 1024 * 1024;

    static ResourceSnapshot take() {
        return new ResourceSnapshot(DeflateResources.liveDeflaters(), DeflateResources.liveInflaters(),
                countOpenFileDescriptors(), measureRetainedHeap());
    }

    /** Waits (bounded) until {@code condition} holds, e.g. until the server has let go of every connection. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Asserts that the resources are back to {@code this} baseline. */
    void assertBackTo() throws InterruptedException {
        // zlib streams are ended on the connection threads as they finish; give them a moment.
        await(() -> DeflateResources.liveDeflaters() == deflaters && DeflateResources.liveInflaters() == inflaters,
                "Deflater/Inflater counts back to " + deflaters + "/" + inflaters + " (now "
                        + DeflateResources.liveDeflaters() + "/" + DeflateResources.liveInflaters() + ")");
        await(() -> countOpenFileDescriptors() <= fileDescriptors + FD_TOLERANCE,
                "file descriptors back to " + fileDescriptors + " (now " + countOpenFileDescriptors() + ")");
        assertThat(measureRetainedHeap()).as("heap retained after GC").isLessThanOrEqualTo(retainedHeap + HEAP_TOLERANCE);
    }

    static int countOpenFileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    static long measureRetainedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
