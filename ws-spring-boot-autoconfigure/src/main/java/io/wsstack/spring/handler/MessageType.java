package io.wsstack.spring.handler;

/** The kind of data message a {@code @WsHandler} method takes (RFC 6455 §5.6). */
enum MessageType {
    /** Opcode 0x1: {@code String} parameters and JSON-decoded objects. */
    TEXT,
    /** Opcode 0x2: {@code byte[]} and {@code ByteBuffer} parameters. */
    BINARY
}
