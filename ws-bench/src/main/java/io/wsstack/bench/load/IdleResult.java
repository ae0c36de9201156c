package io.wsstack.bench.load;

/**
 * Memory cost of idle connections on one peer: the growth of the heap after full GC between before
 * and after opening {@code connections} connections that send nothing, per connection, and the
 * server's resident memory with all of them open. (A per-connection RSS difference is not
 * reported: the collector returns and takes pages from the OS on its own schedule, which swamps it.)
 */
record IdleResult(Peer peer, int connections, long heapBytesPerConnection, long rssBytesIdle, String note) {

    static IdleResult missing(Peer peer, int connections, String note) {
        return new IdleResult(peer, connections, 0, 0, note);
    }

    boolean measured() {
        return note == null;
    }
}
