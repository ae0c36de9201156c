package io.wsstack.core.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seeded random damage to valid heads: every outcome must be one of the typed answers, never
 * another exception (bad-inputs #20: "many headers never crash").
 */
class HandshakeFuzzTest {

    private static final int ROUNDS = 5_000;

    @Test
    @DisplayName("bad-inputs #20: a damaged request head yields a handshake, a typed refusal or a typed parse error")
    void damagedRequests() {
        byte[] valid = HttpHeadParserTest.REQUEST.getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(6455);
        int accepted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] damaged = damage(valid, random);
            try {
                HandshakeRequest request = new HttpHeadParser().parseRequest(ByteBuffer.wrap(damaged));
                if (request != null) {
                    ServerHandshake.parse(request);
                    accepted++;
                }
            } catch (MalformedHttpHeadException | HandshakeRejectedException expected) {
                // a typed answer: 4xx for the client
            }
        }
        assertThat(accepted).isLessThan(ROUNDS);
    }

    @Test
    @DisplayName("bad-inputs #20: a damaged 101 yields a result or a typed HandshakeFailedException")
    void damagedResponses() {
        byte[] valid = ClientValidationTest.response("Sec-WebSocket-Protocol: chat").getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(7692);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] damaged = damage(valid, random);
            try {
                ClientValidationTest.request("chat").validate(ByteBuffer.wrap(damaged));
            } catch (HandshakeFailedException expected) {
                assertThat(expected.reason()).isNotNull();
            }
        }
    }

    @Test
    @DisplayName("RFC 9112 §2.1: random bytes fed in random pieces never escape as anything but a typed parse error")
    void randomBytes() {
        Random random = new Random(9112);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            HttpHeadParser parser = new HttpHeadParser(256, 8);
            ByteBuffer in = ByteBuffer.wrap(noise);
            try {
                while (in.hasRemaining() && !parser.isComplete()) {
                    int piece = Math.min(in.remaining(), 1 + random.nextInt(40));
                    ByteBuffer slice = in.slice().limit(piece);
                    parser.parseResponse(slice);
                    in.position(in.position() + slice.position());
                }
            } catch (MalformedHttpHeadException expected) {
                assertThat(expected.httpStatus()).isIn(400, 431);
            }
        }
    }

    /** Overwrites, inserts or deletes a few bytes, favouring the characters HTTP cares about. */
    private static byte[] damage(byte[] valid, Random random) {
        byte[] alphabet = {'\r', '\n', ' ', '\t', ':', ',', ';', '"', 0, (byte) 0xE9, 'a', '='};
        byte[] out = valid.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(out.length);
            byte b = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            switch (random.nextInt(3)) {
                case 0 -> out[at] = b;
                case 1 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = b;
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                default -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
            }
        }
        return out;
    }
}
