package io.wsstack.spring.handler;

import java.nio.ByteBuffer;

import io.wsstack.spring.WsSession;

/**
 * Sends what a handler method returned: {@code String} as text, {@code byte[]} and
 * {@code ByteBuffer} as binary, anything else as JSON text; {@code null} sends nothing. The
 * choice is made once from the declared return type; only a method declared to return
 * {@code Object} is dispatched on the runtime type.
 */
@FunctionalInterface
interface ReturnValueSender {

    /** Sends nothing, for {@code void} methods and roles whose result is not sent. */
    ReturnValueSender NONE = (session, value) -> {
    };

    void send(WsSession session, Object value);

    /**
     * The sender for a declared return type.
     *
     * @param jsonCodec the JSON codec, or {@code null} without Jackson
     * @throws WsHandlerDefinitionException for an object return type without Jackson
     */
    static ReturnValueSender forType(Class<?> type, WsJsonCodec jsonCodec, DiscoveredMethod handler) {
        if (type == void.class || type == Void.class) {
            return NONE;
        }
        if (type == String.class) {
            return (session, value) -> session.sendText((String) value);
        }
        if (type == byte[].class) {
            return (session, value) -> session.sendBinary((byte[]) value);
        }
        if (ByteBuffer.class.isAssignableFrom(type)) {
            return (session, value) -> session.sendBinary((ByteBuffer) value);
        }
        if (type == Object.class) {
            return (session, value) -> byRuntimeType(session, value, jsonCodec);
        }
        if (jsonCodec == null) {
            throw new WsHandlerDefinitionException(handler.describe() + " returns " + type.getSimpleName()
                    + ", which is sent as JSON, but Jackson (tools.jackson.core:jackson-databind) is not on the classpath",
                    "Add Jackson 3 (for example spring-boot-starter-json), or return a String.");
        }
        return (session, value) -> session.sendText(jsonCodec.write(value));
    }

    private static void byRuntimeType(WsSession session, Object value, WsJsonCodec jsonCodec) {
        if (value instanceof String text) {
            session.sendText(text);
        } else if (value instanceof byte[] bytes) {
            session.sendBinary(bytes);
        } else if (value instanceof ByteBuffer buffer) {
            session.sendBinary(buffer);
        } else if (jsonCodec != null) {
            session.sendText(jsonCodec.write(value));
        } else {
            throw new IllegalStateException("cannot send a " + value.getClass().getName()
                    + " as JSON: Jackson is not on the classpath");
        }
    }
}
