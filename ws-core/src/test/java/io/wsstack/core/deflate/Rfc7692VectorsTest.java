package io.wsstack.core.deflate;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.Role;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.MessageCompression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the frame vectors honest: headers are well-formed and the payloads inflate to the messages. */
class Rfc7692VectorsTest {

    @Test
    @DisplayName("RFC 7692 §7.2.3: every frame vector has a short header, RSV1 on first frames only, and inflates")
    void framesDecode() {
        for (Rfc7692Vectors.Example example : Rfc7692Vectors.ALL) {
            try (ClientDeflateNegotiator negotiator = new ClientDeflateNegotiator(DeflateOptions.defaults());
                 MessageCompression client = negotiator.accept(ExtensionHeaderParser.parseStrict("permessage-deflate"))
                         .orElseThrow().newCompression(Role.CLIENT)) {
                List<String> decoded = new ArrayList<>();
                List<byte[]> message = new ArrayList<>();
                boolean first = true;
                for (String frameHex : example.frames()) {
                    byte[] frame = Hex.bytes(frameHex);
                    boolean fin = (frame[0] & 0x80) != 0;
                    assertThat((frame[0] & 0x40) != 0).as("RSV1 of %s", frameHex).isEqualTo(first);
                    assertThat(frame[1] & 0x7f).as("length of %s", frameHex).isEqualTo(frame.length - 2);
                    message.add(Arrays.copyOfRange(frame, 2, frame.length));
                    first = fin;
                    if (fin) {
                        decoded.add(new String(Codecs.inflate(client, message), US_ASCII));
                        message.clear();
                    }
                }
                assertThat(decoded).as("§%s", example.section()).isEqualTo(example.messages());
            }
        }
    }
}
