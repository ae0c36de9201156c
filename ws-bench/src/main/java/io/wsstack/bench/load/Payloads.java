package io.wsstack.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Benchmark messages: ASCII text shaped like a chat application's JSON (keys repeat, words come
 * from a small vocabulary), so permessage-deflate has about as much to gain as on real traffic.
 * Seeded, so every run and every peer sends the same bytes.
 */
final class Payloads {

    private static final String[] WORDS = {
        "order", "price", "update", "user", "status", "ok", "delta", "quote", "symbol", "EURUSD",
        "bid", "ask", "42.17", "1337", "true", "false", "room", "hello", "message", "ticket"
    };

    private Payloads() {
    }

    /** Exactly {@code size} ASCII bytes of JSON-like text. */
    static byte[] text(int size) {
        return text(size, size);
    }

    /** Exactly {@code size} ASCII bytes of JSON-like text; another {@code seed} gives other words and numbers. */
    static byte[] text(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(size + 64);
        // The first id depends on the seed (7919 is prime to 10^6, so distinct seeds below 10^6 give
        // distinct ids): even a 15-byte message, which is little more than its first key, differs.
        int id = (int) Math.floorMod(seed * 7919, 1_000_000L);
        while (text.length() < size) {
            text.append("{\"id\":").append(id++)
                    .append(",\"type\":\"").append(WORDS[random.nextInt(WORDS.length)])
                    .append("\",\"body\":\"").append(WORDS[random.nextInt(WORDS.length)])
                    .append(' ').append(WORDS[random.nextInt(WORDS.length)])
                    .append("\",\"seq\":").append(random.nextInt(100_000)).append("}\n");
        }
        text.setLength(size);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
