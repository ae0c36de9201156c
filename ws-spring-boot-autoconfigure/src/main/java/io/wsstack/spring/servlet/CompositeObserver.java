package io.wsstack.spring.servlet;

import io.wsstack.spring.WsObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.util.List;

/**
 * Calls every registered {@link WsObserver} in turn. An observer that throws despite its contract is
 * logged and skipped, so a broken meter can never break a session.
 */
final class CompositeObserver implements WsObserver {

    private static final Log log = LogFactory.getLog(CompositeObserver.class);

    private final WsObserver[] observers;

    CompositeObserver(List<? extends WsObserver> observers) {
        this.observers = observers.toArray(new WsObserver[0]);
    }

    private interface Call {
        void on(WsObserver observer);
    }

    private void each(Call call) {
        for (WsObserver observer : observers) {
            try {
                call.on(observer);
            } catch (RuntimeException e) {
                log.warn("WsObserver " + observer.getClass().getName() + " threw; ignored", e);
            }
        }
    }

    @Override
    public void handshakeRefused(String endpoint, RefusalReason reason, int status) {
        each(o -> o.handshakeRefused(endpoint, reason, status));
    }

    @Override
    public void sessionOpened(String endpoint, boolean compressed) {
        each(o -> o.sessionOpened(endpoint, compressed));
    }

    @Override
    public void sessionClosed(String endpoint, int closeCode) {
        each(o -> o.sessionClosed(endpoint, closeCode));
    }

    @Override
    public void messageReceived(String endpoint, MessageType type, long payloadBytes, long wireBytes) {
        each(o -> o.messageReceived(endpoint, type, payloadBytes, wireBytes));
    }

    @Override
    public void messageSent(String endpoint, MessageType type, long payloadBytes, long wireBytes) {
        each(o -> o.messageSent(endpoint, type, payloadBytes, wireBytes));
    }

    @Override
    public void handlerInvoked(String endpoint, long nanos, boolean failed) {
        each(o -> o.handlerInvoked(endpoint, nanos, failed));
    }

    @Override
    public void outboundQueueChanged(String endpoint, long delta) {
        if (observers.length > 0) {
            each(o -> o.outboundQueueChanged(endpoint, delta));
        }
    }

    @Override
    public void slowConsumer(String endpoint, SlowConsumerAction action) {
        each(o -> o.slowConsumer(endpoint, action));
    }

    @Override
    public void protocolError(String endpoint, int closeCode) {
        each(o -> o.protocolError(endpoint, closeCode));
    }
}
