package io.wsstack.core;

import io.wsstack.core.WebSocketProtocolException.InvalidPayload;
import io.wsstack.core.WebSocketProtocolException.ProtocolViolation;
import io.wsstack.core.internal.frame.WebSocketProtocol;
import io.wsstack.core.internal.utf8.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The Close frame body of RFC 6455 §5.5.1: empty, or a 2-byte big-endian status code followed by
 * a UTF-8 reason of at most 123 bytes.
 */
final class CloseFrames {

    /** The code and reason of a Close frame received from the peer. */
    record PeerClose(int code, String reason) {
    }

    private static final PeerClose NO_STATUS = new PeerClose(CloseCodes.NO_STATUS_RECEIVED, "");

    private CloseFrames() {
    }

    /**
     * Reads a received Close body: one byte → 1002 (a code needs two), a code not allowed on the
     * wire (§7.4.1, §7.4.2) → 1002, a reason that is not UTF-8 (§5.5.1) → 1007.
     */
    static PeerClose parse(byte[] body, int length) {
        if (length == 0) {
            return NO_STATUS;
        }
        if (length == 1) {
            throw new ProtocolViolation("close frame with a 1-byte payload");
        }
        int code = (body[0] & 0xFF) << 8 | (body[1] & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {
            throw new ProtocolViolation("close code " + code + " is not allowed on the wire");
        }
        if (!Utf8Validator.isValid(body, 2, length - 2)) {
            throw new InvalidPayload("close reason is not valid UTF-8");
        }
        return new PeerClose(code, new String(body, 2, length - 2, StandardCharsets.UTF_8));
    }

    /** The body of a Close frame we send; {@code reasonUtf8} must already fit in 123 bytes. */
    static ByteBuffer body(int code, byte[] reasonUtf8) {
        ByteBuffer body = ByteBuffer.allocate(2 + reasonUtf8.length);
        body.putShort((short) code).put(reasonUtf8).flip();
        return body;
    }

    /** The empty body of a Close frame without a status code (the peer reports 1005). */
    static ByteBuffer emptyBody() {
        return ByteBuffer.allocate(0);
    }

    /**
     * Encodes {@code reason} as UTF-8, cut to at most 123 bytes on a character boundary, for
     * closes we initiate on errors (where the reason is only informative).
     */
    static byte[] truncatedReason(String reason) {
        if (reason == null) {
            return new byte[0];
        }
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= WebSocketProtocol.CLOSE_REASON_MAX) {
            return utf8;
        }
        int end = WebSocketProtocol.CLOSE_REASON_MAX;
        while ((utf8[end] & 0xC0) == 0x80) {
            end--; // byte `end` continues a character: cut before that character starts
        }
        byte[] cut = new byte[end];
        System.arraycopy(utf8, 0, cut, 0, end);
        return cut;
    }
}
