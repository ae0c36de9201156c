package io.wsstack.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Seeded benchmark inputs, identical in every run. */
final class Payloads {

    private Payloads() {
    }

    /** {@code size} random bytes. */
    static byte[] binary(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** {@code size} bytes of ASCII JSON-like text (compressible about as much as real chat traffic). */
    static byte[] asciiText(int size) {
        String[] words = {"order", "price", "update", "user", "status", "ok", "quote", "EURUSD", "42.17", "room"};
        Random random = new Random(size);
        StringBuilder text = new StringBuilder(size + 64);
        for (int id = 0; text.length() < size; id++) {
            text.append("{\"id\":").append(id).append(",\"type\":\"").append(words[random.nextInt(words.length)])
                    .append("\",\"body\":\"").append(words[random.nextInt(words.length)]).append(' ')
                    .append(words[random.nextInt(words.length)]).append("\"}\n");
        }
        text.setLength(size);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * About {@code size} bytes of UTF-8 mixing ASCII with 2-, 3- and 4-byte characters (Latin
     * accents, Cyrillic, CJK, emoji), cut on a character boundary.
     */
    static byte[] mixedText(int size) {
        String[] pieces = {"hello ", "café ", "naïve ", "Привет ", "日本語 ", "😀 ", "data ", "Ünïcödé ", "中文 ", "ok "};
        Random random = new Random(size);
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        while (true) {
            String piece = pieces[random.nextInt(pieces.length)];
            int length = piece.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + length > size) {
                break;
            }
            text.append(piece);
            bytes += length;
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
