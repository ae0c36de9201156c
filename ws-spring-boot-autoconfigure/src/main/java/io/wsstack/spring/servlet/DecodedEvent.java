package io.wsstack.spring.servlet;

import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.session.InboundEvent;

import java.nio.ByteBuffer;

/**
 * One event decoded ahead of its handler call (a transport with a {@link FrameTransport.HandlerLane}):
 * what {@link InboundEvent}'s single slot held, taken out of it so that the engine can decode the
 * next frame while this one waits on the lane. Running it makes the session's handler call.
 */
final class DecodedEvent implements Runnable {

    private final SessionLifecycle lifecycle;
    final InboundEvent.Kind kind;
    final String text;
    final ByteBuffer data;
    final int closeCode;
    final String closeReason;
    final WebSocketProtocolException error;
    /** Wire bytes attributed to this event (for the received-bytes meter). */
    final long wireBytes;
    /** The message's payload bytes as the engine counted them (UTF-8 bytes for text, no second pass). */
    final long payloadLength;

    /** Takes the slot's event; the caller clears the slot. */
    DecodedEvent(SessionLifecycle lifecycle, InboundEvent slot, long wireBytes) {
        this.lifecycle = lifecycle;
        this.kind = slot.kind();
        this.text = slot.text();
        this.data = slot.data();
        this.closeCode = slot.closeCode();
        this.closeReason = slot.closeReason();
        this.error = slot.error();
        this.wireBytes = wireBytes;
        this.payloadLength = slot.payloadLength();
    }

    /** The payload bytes this event holds while it waits (text counted by its chars). */
    long bytes() {
        if (text != null) {
            return text.length();
        }
        return data == null ? 0 : data.remaining();
    }

    @Override
    public void run() {
        lifecycle.deliver(this);
    }
}
