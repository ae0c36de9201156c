package io.wsstack.core.internal.utf8;

import io.wsstack.core.WebSocketProtocolException.InvalidPayload;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An incremental UTF-8 validator (RFC 3629 §4, as RFC 6455 §8.1 requires for text). Bytes may be
 * fed in any pieces — a character may straddle chunks and frames — and the first byte that can no
 * longer be part of valid UTF-8 throws {@link InvalidPayload} (1007) at once, without waiting for
 * the message to end.
 *
 * <p>Rejected: bytes C0, C1 and F5–FF; a continuation byte (80–BF) where a character should
 * start; overlong forms (E0 followed by 80–9F, F0 followed by 80–8F); UTF-16 surrogates (ED
 * followed by A0–BF); code points above U+10FFFF (F4 followed by 90–BF); and, at
 * {@link #finish()}, a sequence cut short. The second byte of a sequence has a lead-dependent
 * range; every later byte is 80–BF. Runs of ASCII are checked eight bytes at a time.
 */
public final class Utf8Validator {

    private static final VarHandle ARRAY_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final int SCRATCH_SIZE = 1024;

    /** Continuation bytes still expected for the current character. */
    private int needed;
    /** Bytes of the current, unfinished character already seen. */
    private int pending;
    /** Allowed range of the next continuation byte. */
    private int low = 0x80;
    private int high = 0xBF;
    private byte[] scratch;

    /** Checks {@code length} bytes of {@code bytes} from {@code offset}, continuing the current state. */
    public void validate(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        int need = needed;
        int seen = pending;
        int lo = low;
        int hi = high;
        while (i < end) {
            if (need == 0) {
                while (i + 8 <= end && ((long) ARRAY_LONG.get(bytes, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i == end) {
                    break;
                }
                int b = bytes[i++];
                if (b >= 0) {
                    continue;
                }
                b &= 0xFF;
                seen = 1;
                lo = 0x80;
                hi = 0xBF;
                if (b < 0xC2) {
                    throw invalid(b < 0xC0 ? "unexpected continuation byte" : "overlong encoding");
                } else if (b < 0xE0) {
                    need = 1;
                } else if (b < 0xF0) {
                    need = 2;
                    if (b == 0xE0) {
                        lo = 0xA0; // below: an overlong three-byte form
                    } else if (b == 0xED) {
                        hi = 0x9F; // above: a UTF-16 surrogate
                    }
                } else if (b < 0xF5) {
                    need = 3;
                    if (b == 0xF0) {
                        lo = 0x90; // below: an overlong four-byte form
                    } else if (b == 0xF4) {
                        hi = 0x8F; // above: beyond U+10FFFF
                    }
                } else {
                    throw invalid("byte 0x" + Integer.toHexString(b) + " never appears in UTF-8");
                }
            } else {
                int b = bytes[i++] & 0xFF;
                if (b < lo || b > hi) {
                    throw invalid("invalid continuation byte 0x" + Integer.toHexString(b));
                }
                lo = 0x80;
                hi = 0xBF;
                seen = --need == 0 ? 0 : seen + 1;
            }
        }
        needed = need;
        pending = seen;
        low = lo;
        high = hi;
    }

    /** Checks the remaining bytes of {@code buffer} without moving its position. */
    public void validate(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            validate(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            return;
        }
        // Direct buffers: copy through a small reusable array rather than test byte by byte.
        if (scratch == null) {
            scratch = new byte[SCRATCH_SIZE];
        }
        int index = buffer.position();
        int end = buffer.limit();
        while (index < end) {
            int n = Math.min(end - index, SCRATCH_SIZE);
            buffer.get(index, scratch, 0, n);
            validate(scratch, 0, n);
            index += n;
        }
    }

    /** Whether the bytes so far end on a character boundary. */
    public boolean isComplete() {
        return needed == 0;
    }

    /** How many trailing bytes seen so far belong to a character that is not complete yet (0–3). */
    public int pendingBytes() {
        return pending;
    }

    /** Ends the text: a character cut short is an error. Resets the validator for the next text. */
    public void finish() {
        boolean truncated = needed != 0;
        reset();
        if (truncated) {
            throw invalid("text ends inside a UTF-8 sequence");
        }
    }

    /** Forgets any partial character, ready for a new text. */
    public void reset() {
        needed = 0;
        pending = 0;
        low = 0x80;
        high = 0xBF;
    }

    /** Whether {@code length} bytes from {@code offset} are, on their own, complete valid UTF-8. */
    public static boolean isValid(byte[] bytes, int offset, int length) {
        Utf8Validator v = new Utf8Validator();
        try {
            v.validate(bytes, offset, length);
            v.finish();
            return true;
        } catch (InvalidPayload e) {
            return false;
        }
    }

    private static InvalidPayload invalid(String why) {
        return new InvalidPayload("invalid UTF-8: " + why);
    }
}
