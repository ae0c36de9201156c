package io.wsstack.spring.handler;

import java.nio.ByteBuffer;

import io.wsstack.spring.WsSession;
import io.wsstack.spring.transport.TransportSession;

/**
 * Sends what a handler method returned: {@code String} as text, {@code byte[]} and
 * {@code ByteBuffer} as binary, anything else as JSON text; {@code null} sends nothing. The
 * choice is made once from the declared return type; only a method declared to return
 * {@code Object} is dispatched on the runtime type.
 *
 * <p>Nobody waits for a return value's send, so on a transport session it goes out without a
 * future ({@link TransportSession#sendTextAndForget}). A returned {@code byte[]}
 * is handed over: written without a copy when large, so the application must not change it
 * afterwards. A returned {@code ByteBuffer} is copied, since it may be a view of a buffer that is
 * only valid during the call (the message parameter itself).
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
            return (session, value) -> sendText(session, (String) value);
        }
        if (type == byte[].class) {
            return (session, value) -> sendBinary(session, ByteBuffer.wrap((byte[]) value), true);
        }
        if (ByteBuffer.class.isAssignableFrom(type)) {
            return (session, value) -> sendBinary(session, (ByteBuffer) value, false);
        }
        if (type == Object.class) {
            return (session, value) -> byRuntimeType(session, value, jsonCodec);
        }
        if (jsonCodec == null) {
            throw new WsHandlerDefinitionException(handler.describe() + " returns " + type.getSimpleName()
                    + ", which is sent as JSON, but Jackson (tools.jackson.core:jackson-databind) is not on the classpath",
                    "Add Jackson 3 (for example spring-boot-starter-json), or return a String.");
        }
        return (session, value) -> sendText(session, jsonCodec.write(value));
    }

    private static void sendText(WsSession session, String text) {
        if (session instanceof TransportSession transport) {
            transport.sendTextAndForget(text);
        } else {
            session.sendText(text);
        }
    }

    private static void sendBinary(WsSession session, ByteBuffer data, boolean handedOver) {
        if (session instanceof TransportSession transport) {
            transport.sendBinaryAndForget(data, handedOver);
        } else {
            session.sendBinary(data);
        }
    }

    private static void byRuntimeType(WsSession session, Object value, WsJsonCodec jsonCodec) {
        if (value instanceof String text) {
            sendText(session, text);
        } else if (value instanceof byte[] bytes) {
            sendBinary(session, ByteBuffer.wrap(bytes), true);
        } else if (value instanceof ByteBuffer buffer) {
            sendBinary(session, buffer, false);
        } else if (jsonCodec != null) {
            sendText(session, jsonCodec.write(value));
        } else {
            throw new IllegalStateException("cannot send a " + value.getClass().getName()
                    + " as JSON: Jackson is not on the classpath");
        }
    }
}
