package io.wsstack.e2e;

import io.wsstack.spring.WsObserver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the transport's events that the end-to-end tests assert on. */
class RecordingObserver implements WsObserver {

    /** "endpoint:code" of every ended session. */
    final List<String> closed = new CopyOnWriteArrayList<>();
    /** "endpoint:ACTION" of every slow-consumer event. */
    final List<String> slowConsumers = new CopyOnWriteArrayList<>();
    /** "endpoint:REASON:status" of every refused handshake. */
    final List<String> refusals = new CopyOnWriteArrayList<>();
    /** "endpoint:compressed" of every opened session. */
    final List<String> opened = new CopyOnWriteArrayList<>();

    /** Sum of outbound queue changes per endpoint: what a queued-bytes gauge would show. */
    final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> queuedBytes = new java.util.concurrent.ConcurrentHashMap<>();

    long queued(String endpoint) {
        return queuedBytes.computeIfAbsent(endpoint, e -> new java.util.concurrent.atomic.AtomicLong()).get();
    }

    @Override
    public void outboundQueueChanged(String endpoint, long delta) {
        queuedBytes.computeIfAbsent(endpoint, e -> new java.util.concurrent.atomic.AtomicLong()).addAndGet(delta);
    }

    @Override
    public void sessionOpened(String endpoint, boolean compressed) {
        opened.add(endpoint + ":" + compressed);
    }

    @Override
    public void sessionClosed(String endpoint, int closeCode) {
        closed.add(endpoint + ":" + closeCode);
    }

    @Override
    public void slowConsumer(String endpoint, SlowConsumerAction action) {
        slowConsumers.add(endpoint + ":" + action);
    }

    @Override
    public void handshakeRefused(String endpoint, RefusalReason reason, int status) {
        refusals.add(endpoint + ":" + reason + ":" + status);
    }
}
