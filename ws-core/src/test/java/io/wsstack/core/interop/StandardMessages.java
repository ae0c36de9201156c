package io.wsstack.core.interop;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The messages every interop peer sends, built the same way in {@code interop/node/engine-peer.js}
 * and {@code interop/python/engine_peer.py}: short text, compressible JSON, non-ASCII text, an empty
 * text, every byte value, 100 KB of zeros (a 1000:1 ratio), incompressible noise, and a repeat of
 * the first message (which context takeover compresses to a back-reference).
 */
final class StandardMessages {

    /** One message: text or binary payload. */
    record Message(boolean text, byte[] payload) {
    }

    private StandardMessages() {
    }

    static List<Message> all() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 400; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"id\":").append(i).append(",\"name\":\"user-").append(i)
                    .append("\",\"online\":").append(i % 3 == 0).append('}');
        }
        json.append(']');
        byte[] every = new byte[256];
        for (int i = 0; i < 256; i++) {
            every[i] = (byte) i;
        }
        byte[] noise = new byte[5000];
        long seed = 42;
        for (int i = 0; i < noise.length; i++) {
            seed = (seed * 1103515245L + 12345L) & 0x7fffffffL;
            noise[i] = (byte) seed;
        }
        return List.of(text("Hello"), text(json.toString()), text("héllo wörld ✓ 𝄞"), text(""),
                new Message(false, every), new Message(false, new byte[100_000]), new Message(false, noise), text("Hello"));
    }

    private static Message text(String s) {
        return new Message(true, s.getBytes(StandardCharsets.UTF_8));
    }
}
