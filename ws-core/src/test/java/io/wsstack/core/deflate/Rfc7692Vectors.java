package io.wsstack.core.deflate;

import java.util.List;

/**
 * The RFC 7692 §7.2.3 examples as whole unmasked frames (server to client), ready for frame-level
 * replays through a {@code Connection} with permessage-deflate negotiated. Each frame list carries
 * the text it decodes to; payloads alone are in {@link Rfc7692ExamplesTest}.
 */
public final class Rfc7692Vectors {

    /** One example: frames in wire order (hex), and the messages they decode to. */
    public record Example(String section, List<String> frames, List<String> messages) {
    }

    /** §7.2.3.1: "Hello" in one compressed frame (FIN, RSV1, text). */
    public static final Example ONE_FRAME = new Example("7.2.3.1",
            List.of("c1 07 f2 48 cd c9 c9 07 00"), List.of("Hello"));

    /** §7.2.3.1: "Hello" compressed, split over a text frame and a continuation (RSV1 on the first only). */
    public static final Example FRAGMENTED = new Example("7.2.3.1",
            List.of("41 03 f2 48 cd", "80 04 c9 c9 07 00"), List.of("Hello"));

    /** §7.2.3.2: two "Hello" messages sharing the LZ77 window (needs server context takeover). */
    public static final Example SHARED_WINDOW = new Example("7.2.3.2",
            List.of("c1 07 f2 48 cd c9 c9 07 00", "c1 05 f2 00 11 00 00"), List.of("Hello", "Hello"));

    /** §7.2.3.3: "Hello" in a DEFLATE block with no compression. */
    public static final Example STORED_BLOCK = new Example("7.2.3.3",
            List.of("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00"), List.of("Hello"));

    /** §7.2.3.4: "Hello" in a block with BFINAL set. */
    public static final Example BFINAL_BLOCK = new Example("7.2.3.4",
            List.of("c1 08 f3 48 cd c9 c9 07 00 00"), List.of("Hello"));

    /** §7.2.3.5: "Hello" in two DEFLATE blocks of one message. */
    public static final Example TWO_BLOCKS = new Example("7.2.3.5",
            List.of("c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00"), List.of("Hello"));

    /** §7.2.3.6: an empty compressed message. */
    public static final Example EMPTY_MESSAGE = new Example("7.2.3.6", List.of("c1 01 00"), List.of(""));

    /** Every example, in section order. */
    public static final List<Example> ALL = List.of(ONE_FRAME, FRAGMENTED, SHARED_WINDOW, STORED_BLOCK,
            BFINAL_BLOCK, TWO_BLOCKS, EMPTY_MESSAGE);

    private Rfc7692Vectors() {
    }
}
