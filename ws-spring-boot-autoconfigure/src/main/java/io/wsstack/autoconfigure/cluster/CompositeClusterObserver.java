package io.wsstack.autoconfigure.cluster;

import io.wsstack.spring.cluster.WsClusterObserver;
import io.wsstack.spring.cluster.WsClusterTarget;

import java.util.List;

/** Hands every cluster event to each of several observers (none, meters, the application's own). */
final class CompositeClusterObserver implements WsClusterObserver {

    private final List<WsClusterObserver> observers;

    CompositeClusterObserver(List<WsClusterObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void published(WsClusterTarget.Kind kind) {
        observers.forEach(o -> o.published(kind));
    }

    @Override
    public void publishFailed(WsClusterTarget.Kind kind, Failure failure) {
        observers.forEach(o -> o.publishFailed(kind, failure));
    }

    @Override
    public void received(WsClusterTarget.Kind kind, long lagMillis) {
        observers.forEach(o -> o.received(kind, lagMillis));
    }
}
