package io.wsstack.core.deflate;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex test vectors, written with spaces between bytes as in the RFC. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    static String of(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return of(b);
    }
}
