package io.wsstack.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.spring.WsObserver.MessageType;

/**
 * The message, payload-byte and wire-byte counters of one endpoint in one direction. Payload and
 * wire bytes sit side by side so that a dashboard can divide one by the other and show what
 * permessage-deflate saves.
 */
final class TrafficMeters {

    private static final int TYPES = MessageType.values().length;

    private final MeterSlots<Counter> messages;
    private final MeterSlots<Counter> payloadBytes;
    private final MeterSlots<Counter> wireBytes;

    private TrafficMeters(MeterRegistry registry, String endpoint, String messagesName, String payloadName,
            String wireName, String direction) {
        this.messages = new MeterSlots<>(TYPES, type -> Counter.builder(messagesName)
                .description("Data messages " + direction)
                .tags(WsMeterNames.ENDPOINT, endpoint, WsMeterNames.TYPE, typeTag(type))
                .register(registry));
        this.payloadBytes = new MeterSlots<>(TYPES, type -> Counter.builder(payloadName)
                .description("Message payload bytes " + direction + ", uncompressed")
                .baseUnit("bytes")
                .tags(WsMeterNames.ENDPOINT, endpoint, WsMeterNames.TYPE, typeTag(type))
                .register(registry));
        this.wireBytes = new MeterSlots<>(TYPES, type -> Counter.builder(wireName)
                .description("Frame bytes " + direction + " on the wire, after compression and framing")
                .baseUnit("bytes")
                .tags(WsMeterNames.ENDPOINT, endpoint, WsMeterNames.TYPE, typeTag(type))
                .register(registry));
    }

    /** The counters of messages arriving from peers. */
    static TrafficMeters received(MeterRegistry registry, String endpoint) {
        return new TrafficMeters(registry, endpoint, WsMeterNames.MESSAGES_RECEIVED, WsMeterNames.PAYLOAD_RECEIVED,
                WsMeterNames.WIRE_RECEIVED, "received");
    }

    /** The counters of messages queued for peers. */
    static TrafficMeters sent(MeterRegistry registry, String endpoint) {
        return new TrafficMeters(registry, endpoint, WsMeterNames.MESSAGES_SENT, WsMeterNames.PAYLOAD_SENT,
                WsMeterNames.WIRE_SENT, "sent");
    }

    /** Counts one message of this type. */
    void record(MessageType type, long payload, long wire) {
        record(type, 1, payload, wire);
    }

    /** Counts {@code count} messages of this type with these bytes in all (a read batch's totals). */
    void record(MessageType type, long count, long payload, long wire) {
        int index = type.ordinal();
        messages.get(index).increment(count);
        payloadBytes.get(index).increment(payload);
        wireBytes.get(index).increment(wire);
    }

    private static String typeTag(int ordinal) {
        return MessageType.values()[ordinal] == MessageType.TEXT ? "text" : "binary";
    }
}
