package io.wsstack.bench.load;

/**
 * One kind of figure the harness produces, run in the order of {@link Measurements#ALL} and
 * selected with {@code -Dbench.measurements}. Each returns a markdown section for {@code load.md}
 * and may write files of its own to {@link HarnessContext#out()}.
 *
 * <p>This is the extension point for figures that are not "echo on every server": compressed echo
 * per deflate preset with native and heap memory, cross-instance fan-out through Redis, 10,000
 * client sessions. See {@code ws-bench/README.md} for how to add one.
 */
interface Measurement {

    /** The name used in {@code -Dbench.measurements}. */
    String name();

    /**
     * Whether it uses the servers of {@link HarnessContext#runners()} (started once and shared by
     * every measurement that needs them); a measurement that starts processes of its own says no.
     */
    default boolean usesPeers() {
        return true;
    }

    /** Runs and returns its section of the report (may be empty). */
    String run(HarnessContext context) throws Exception;
}
