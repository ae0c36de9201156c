package io.wsstack.core.deflate;

import io.wsstack.core.Connection;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.MaskKeySource;
import io.wsstack.core.Role;
import io.wsstack.core.WebSocketListener;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.extension.ExtensionOffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RFC 7692 §7.2.3 examples as whole frames, through a client {@link Connection} with
 * permessage-deflate negotiated (context takeover on), each replayed split at every byte offset and
 * one byte at a time: the decoded messages never depend on how the bytes arrive.
 */
class Rfc7692FrameReplayTest {

    static final List<Rfc7692Vectors.Example> EXAMPLES = Rfc7692Vectors.ALL;

    @ParameterizedTest(name = "RFC 7692 §{0}")
    @FieldSource("EXAMPLES")
    @DisplayName("RFC 7692 §7.2.3: frame examples decode identically when split at every byte offset")
    void splitAtEveryOffset(Rfc7692Vectors.Example example) {
        byte[] wire = wireBytes(example);
        for (int split = 0; split <= wire.length; split++) {
            List<String> got = decode(List.of(ByteBuffer.wrap(wire, 0, split), ByteBuffer.wrap(wire, split, wire.length - split)));
            assertThat(got).as("split at %d", split).isEqualTo(example.messages());
        }
    }

    @ParameterizedTest(name = "RFC 7692 §{0}")
    @FieldSource("EXAMPLES")
    @DisplayName("RFC 7692 §7.2.3: frame examples decode identically when fed one byte at a time")
    void oneByteAtATime(Rfc7692Vectors.Example example) {
        byte[] wire = wireBytes(example);
        List<ByteBuffer> bytes = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            bytes.add(ByteBuffer.wrap(wire, i, 1));
        }
        assertThat(decode(bytes)).isEqualTo(example.messages());
    }

    private static byte[] wireBytes(Rfc7692Vectors.Example example) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String frame : example.frames()) {
            out.writeBytes(HexFormat.of().parseHex(frame.replace(" ", "")));
        }
        return out.toByteArray();
    }

    private static List<String> decode(List<ByteBuffer> chunks) {
        NegotiatedDeflate agreed = new ClientDeflateNegotiator(DeflateOptions.defaults())
                .accept(List.of(ExtensionOffer.of("permessage-deflate"))).orElseThrow();
        List<String> texts = new ArrayList<>();
        Connection connection = new Connection(Role.CLIENT, ConnectionSettings.DEFAULTS, agreed.newCompression(Role.CLIENT),
                MaskKeySource.fixed(0), new WebSocketListener() {
                    @Override
                    public void onText(Connection c, String text) {
                        texts.add(text);
                    }

                    @Override
                    public void onProtocolError(Connection c, WebSocketProtocolException error) {
                        texts.add("error " + error.closeCode() + ": " + error.getMessage());
                    }
                }, (frames, control) -> { });
        chunks.forEach(connection::receive);
        connection.release();
        return texts;
    }
}
