package io.wsstack.core.internal.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The XOR masking of RFC 6455 §5.3, eight bytes per step.
 *
 * <p>Byte {@code i} of a payload is XORed with byte {@code i mod 4} of the 32-bit key. Because the
 * payload may arrive in pieces, each call takes the <em>mask offset</em>: how many payload bytes
 * of the frame came before this piece. The key is rotated by that offset once, widened to a 64-bit
 * word, and applied a word at a time; only the last (fewer than eight) bytes are done one by one.
 * Masking and unmasking are the same operation.
 */
public final class Masking {

    private static final VarHandle ARRAY_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BUFFER_LONG =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Masking() {
    }

    /**
     * XORs {@code length} bytes of {@code array} starting at {@code offset} with the key, in place.
     *
     * @param key        the masking key, big-endian (first wire byte in the top 8 bits)
     * @param maskOffset payload bytes of this frame already processed before {@code offset}
     */
    public static void mask(byte[] array, int offset, int length, int key, long maskOffset) {
        int rotated = Integer.rotateLeft(key, (int) (maskOffset & 3) * 8);
        long word = littleEndianWord(rotated);
        int i = offset;
        int wordsEnd = offset + (length & ~7);
        for (; i < wordsEnd; i += 8) {
            ARRAY_LONG.set(array, i, (long) ARRAY_LONG.get(array, i) ^ word);
        }
        int end = offset + length;
        for (int k = 0; i < end; i++, k++) {
            array[i] ^= (byte) (rotated >>> (24 - 8 * (k & 3)));
        }
    }

    /**
     * XORs {@code length} bytes of {@code buffer} starting at absolute index {@code index} with the
     * key, in place, without moving the buffer's position or limit. The buffer must be writable.
     *
     * @param key        the masking key, big-endian
     * @param maskOffset payload bytes of this frame already processed before {@code index}
     */
    public static void mask(ByteBuffer buffer, int index, int length, int key, long maskOffset) {
        if (buffer.hasArray()) {
            mask(buffer.array(), buffer.arrayOffset() + index, length, key, maskOffset);
            return;
        }
        int rotated = Integer.rotateLeft(key, (int) (maskOffset & 3) * 8);
        long word = littleEndianWord(rotated);
        int i = index;
        int wordsEnd = index + (length & ~7);
        for (; i < wordsEnd; i += 8) {
            BUFFER_LONG.set(buffer, i, (long) BUFFER_LONG.get(buffer, i) ^ word);
        }
        int end = index + length;
        for (int k = 0; i < end; i++, k++) {
            buffer.put(i, (byte) (buffer.get(i) ^ (rotated >>> (24 - 8 * (k & 3)))));
        }
    }

    /** Eight mask bytes in wire order, packed for a little-endian load: the key twice, byte-swapped. */
    private static long littleEndianWord(int rotatedKey) {
        long bigEndian = ((long) rotatedKey << 32) | (rotatedKey & 0xFFFF_FFFFL);
        return Long.reverseBytes(bigEndian);
    }
}
