package io.wsstack.bench.load;

/**
 * Memory cost of idle connections on one peer: heap after full GC and resident memory, each
 * measured before and after opening {@code connections} connections that send nothing.
 */
record IdleResult(Peer peer, int connections, long heapBytesPerConnection, long rssBytesPerConnection,
                  long rssBytesIdle, String note) {

    static IdleResult missing(Peer peer, int connections, String note) {
        return new IdleResult(peer, connections, 0, 0, 0, note);
    }

    boolean measured() {
        return note == null;
    }
}
