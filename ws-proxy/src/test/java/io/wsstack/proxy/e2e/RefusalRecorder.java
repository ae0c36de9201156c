package io.wsstack.proxy.e2e;

import io.wsstack.spring.WsObserver;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A {@link WsObserver} that keeps the refusals and openings the transport reports, as "endpoint reason status". */
final class RefusalRecorder implements WsObserver {

    final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    final Queue<String> opened = new ConcurrentLinkedQueue<>();

    @Override
    public void handshakeRefused(String endpoint, RefusalReason reason, int status) {
        refusals.add(endpoint + " " + reason + " " + status);
    }

    @Override
    public void sessionOpened(String endpoint, boolean compressed) {
        opened.add(endpoint);
    }
}
