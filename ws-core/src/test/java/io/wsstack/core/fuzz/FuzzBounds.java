package io.wsstack.core.fuzz;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.deflate.DeflateResources;
import java.lang.management.ManagementFactory;
import java.util.Set;

/**
 * Measurements the fuzz targets share: bytes allocated by the fuzzing thread, the live zlib
 * stream counts, and the close codes a peer's bytes may legitimately earn.
 */
final class FuzzBounds {

    /** The codes RFC 6455 §7.4.1 gives to violations a peer can cause with its bytes alone. */
    static final Set<Integer> PEER_FAULT_CODES = Set.of(CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD,
            CloseCodes.POLICY_VIOLATION, CloseCodes.MESSAGE_TOO_BIG);

    /**
     * Slack for allocation that is neither payload nor proportional to input: event objects,
     * exception objects, the engine's fixed scratch arrays (8 KiB each).
     */
    static final long FIXED_ALLOCATION_SLACK = 64 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FuzzBounds() {
    }

    /** Heap bytes the calling thread has allocated so far (HotSpot's per-thread TLAB counter). */
    static long allocatedByThisThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Deflaters plus inflaters alive now, for before/after comparisons. */
    static long liveZipStreams() {
        return DeflateResources.liveDeflaters() + DeflateResources.liveInflaters();
    }
}
