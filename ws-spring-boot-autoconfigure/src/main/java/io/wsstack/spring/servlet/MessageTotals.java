package io.wsstack.spring.servlet;

import io.wsstack.spring.WsObserver.EndpointObserver;
import io.wsstack.spring.WsObserver.MessageType;

/**
 * The data messages of one read batch, summed per direction, for observers that only sum
 * ({@link EndpointObserver#takesTotals()}, i.e. meters): they get one update per batch and
 * direction instead of three counter updates per message, which is most of what meters cost when
 * small messages arrive in bursts. A run of one type is summed; a message of the other type first
 * hands the run over, so every count lands under its own type. Used by the thread that handles the
 * read batch only (the reader and the sends its handlers make), and handed over at the batch's end.
 * The batch's handler calls are summed the same way (count, total and longest time) for observers
 * that take handler totals, so a message updates no meter at all until the batch ends.
 */
final class MessageTotals {

    private MessageType receivedType;
    private long received;
    private long receivedPayload;
    private long receivedWire;
    private MessageType sentType;
    private long sent;
    private long sentPayload;
    private long sentWire;
    private long handlerCalls;
    private long handlerNanos;
    private long handlerMaxNanos;
    private long handlerEndNanos;

    void received(MessageType type, long payloadBytes, long wireBytes, EndpointObserver to) {
        if (type != receivedType) {
            handOverReceived(to);
            receivedType = type;
        }
        received++;
        receivedPayload += payloadBytes;
        receivedWire += wireBytes;
    }

    void sent(MessageType type, long payloadBytes, long wireBytes, EndpointObserver to) {
        if (type != sentType) {
            handOverSent(to);
            sentType = type;
        }
        sent++;
        sentPayload += payloadBytes;
        sentWire += wireBytes;
    }

    /**
     * A handler call that returned normally after {@code nanos}, at {@code endNanos} (summed for
     * {@link EndpointObserver#takesHandlerTotals()}).
     */
    void handled(long nanos, long endNanos) {
        handlerEndNanos = endNanos;
        handlerCalls++;
        handlerNanos += nanos;
        if (nanos > handlerMaxNanos) {
            handlerMaxNanos = nanos;
        }
    }

    /** Hands both directions' sums and the handler calls' to the observer and starts again from zero. */
    void handOver(EndpointObserver to) {
        handOverReceived(to);
        handOverSent(to);
        if (handlerCalls > 0) {
            long calls = handlerCalls;
            long nanos = handlerNanos;
            long max = handlerMaxNanos;
            handlerCalls = 0;
            handlerNanos = 0;
            handlerMaxNanos = 0;
            to.handlersInvoked(calls, nanos, max, handlerEndNanos);
        }
    }

    private void handOverReceived(EndpointObserver to) {
        if (received > 0) {
            long count = received;
            long payload = receivedPayload;
            long wire = receivedWire;
            received = 0;
            receivedPayload = 0;
            receivedWire = 0;
            to.messagesReceived(receivedType, count, payload, wire);
        }
    }

    private void handOverSent(EndpointObserver to) {
        if (sent > 0) {
            long count = sent;
            long payload = sentPayload;
            long wire = sentWire;
            sent = 0;
            sentPayload = 0;
            sentWire = 0;
            to.messagesSent(sentType, count, payload, wire);
        }
    }
}
