package io.wsstack.bench.load;

/**
 * What one peer achieved in one {@link Scenario}, or why it has no numbers ({@link #note}).
 *
 * @param messagesPerSecond echo round trips completed per second over the measured window
 * @param p50Nanos          median round-trip time (send to echo, as the client sees it)
 * @param p99Nanos          99th percentile round-trip time
 * @param p999Nanos         99.9th percentile round-trip time
 * @param serverCores       server CPU time over the window divided by the window (1.0 = one core busy)
 * @param serverRssBytes    the server's resident set size at the end of the window
 * @param wrongEchoes       echoes that differed from the message they answer (size, bytes or order)
 * @param lostConnections   connections closed during the phase or not finished in time
 */
record LoadResult(Peer peer, Scenario scenario, double messagesPerSecond, long p50Nanos, long p99Nanos,
                  long p999Nanos, double serverCores, long serverRssBytes, long wrongEchoes, long lostConnections,
                  String note) {

    static LoadResult missing(Peer peer, Scenario scenario, String note) {
        return new LoadResult(peer, scenario, 0, 0, 0, 0, 0, 0, 0, 0, note);
    }

    boolean measured() {
        return note == null;
    }

    /** Server CPU microseconds spent per echoed message. */
    double serverCpuMicrosPerMessage() {
        return messagesPerSecond == 0 ? 0 : serverCores * 1_000_000 / messagesPerSecond;
    }
}
