package io.wsstack.conformance.cases;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Stand-ins for the five data sets of Autobahn 12.x (which ships real files we do not copy):
 * generated deterministically with the same character — JSON and HTML text sent as text, prose,
 * an 8-bit image and a mixed binary document sent as binary — so that the compressor meets very
 * compressible, moderately compressible and nearly incompressible input.
 */
enum CompressionData {

    /** 12.1: large JSON text (sent as text). */
    JSON_TEXT(true) {
        @Override
        byte[] generate(Random r) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; sb.length() < SIZE; i++) {
                sb.append("{\"id\":").append(i).append(",\"name\":\"user").append(r.nextInt(5000))
                        .append("\",\"active\":").append(r.nextBoolean()).append(",\"score\":").append(r.nextInt(100_000) / 100.0)
                        .append(",\"tags\":[\"alpha\",\"beta\",\"gamma\"],\"note\":\"Ünïcödé ✓\"},\n");
            }
            return sb.append("{}]").toString().getBytes(StandardCharsets.UTF_8);
        }
    },
    /** 12.2: large HTML text (sent as text). */
    HTML_TEXT(true) {
        @Override
        byte[] generate(Random r) {
            StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><body><table>\n");
            while (sb.length() < SIZE) {
                sb.append("<tr class=\"row").append(r.nextInt(3)).append("\"><td>").append(r.nextInt(1_000_000))
                        .append("</td><td><a href=\"/item/").append(r.nextInt(9999)).append("\">Item</a></td></tr>\n");
            }
            return sb.append("</table></body></html>").toString().getBytes(StandardCharsets.UTF_8);
        }
    },
    /** 12.3: human-readable German prose (sent as binary, as Autobahn does with Faust). */
    PROSE_BINARY(false) {
        @Override
        byte[] generate(Random r) {
            String[] words = {"Habe", "nun", "ach", "Philosophie", "Juristerei", "und", "Medizin", "leider", "auch",
                "Theologie", "durchaus", "studiert", "mit", "heißem", "Bemühn", "da", "steh", "ich", "armer", "Tor"};
            StringBuilder sb = new StringBuilder();
            while (sb.length() < SIZE) {
                sb.append(words[r.nextInt(words.length)]).append(r.nextInt(8) == 0 ? ",\n" : " ");
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
    },
    /** 12.4: an 8-bit grey image with gradients and noise (binary). */
    IMAGE_BINARY(false) {
        @Override
        byte[] generate(Random r) {
            byte[] pixels = new byte[SIZE];
            for (int i = 0; i < SIZE; i++) {
                int x = i % 512;
                int y = i / 512;
                pixels[i] = (byte) ((x + y) / 4 + r.nextInt(16));
            }
            return pixels;
        }
    },
    /** 12.5: a document mixing text runs and compressed-looking streams (binary, barely compressible). */
    DOCUMENT_BINARY(false) {
        @Override
        byte[] generate(Random r) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE);
            while (out.size() < SIZE) {
                out.writeBytes(("obj " + r.nextInt(500) + " 0 R /Length 4096 stream\n").getBytes(StandardCharsets.US_ASCII));
                byte[] noise = new byte[4096];
                r.nextBytes(noise);
                out.writeBytes(noise);
            }
            return out.toByteArray();
        }
    };

    /** Size of each generated data set; messages are slices of it, wrapping around, as in Autobahn. */
    static final int SIZE = 256 * 1024;

    private final boolean text;
    private byte[] data;

    CompressionData(boolean text) {
        this.text = text;
    }

    abstract byte[] generate(Random random);

    /** Whether messages of this set are sent as text. */
    boolean text() {
        return text;
    }

    /** The data, generated once from a fixed seed. */
    synchronized byte[] bytes() {
        if (data == null) {
            data = generate(new Random(ordinal() + 12));
        }
        return data;
    }

    /**
     * The {@code index}-th message of {@code length} bytes: consecutive slices of the data,
     * wrapping around. In text sets every non-ASCII byte becomes '.', so that a slice is valid
     * UTF-8 wherever its edges fall.
     */
    byte[] message(int index, int length) {
        byte[] d = bytes();
        int from = (int) ((long) index * length % d.length);
        byte[] m = new byte[length];
        for (int i = 0; i < length; i++) {
            m[i] = d[(from + i) % d.length];
        }
        if (text) {
            for (int i = 0; i < m.length; i++) {
                if (m[i] < 0) {
                    m[i] = '.';
                }
            }
        }
        return m;
    }
}
