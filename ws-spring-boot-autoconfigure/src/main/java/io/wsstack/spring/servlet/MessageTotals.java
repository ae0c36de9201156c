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

    /** Hands both directions' sums to the observer and starts again from zero. */
    void handOver(EndpointObserver to) {
        handOverReceived(to);
        handOverSent(to);
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
