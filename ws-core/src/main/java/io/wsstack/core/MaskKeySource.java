package io.wsstack.core;

import java.security.SecureRandom;

/**
 * Supplies the 32-bit masking key of each frame a client sends (RFC 6455 §5.3).
 *
 * <p>The RFC requires keys a peer cannot predict, so production code uses {@link #secureRandom()};
 * injecting the source lets tests produce byte-exact masked output with {@link #fixed(int)}.
 */
@FunctionalInterface
public interface MaskKeySource {

    /** The key for the next frame, as four bytes in big-endian order (the order they go on the wire). */
    int nextMaskKey();

    /** Keys drawn from a {@link SecureRandom} owned by the returned source. */
    static MaskKeySource secureRandom() {
        SecureRandom random = new SecureRandom();
        return random::nextInt;
    }

    /** Always the same key; for tests and RFC examples only, never for real traffic. */
    static MaskKeySource fixed(int key) {
        return () -> key;
    }
}
