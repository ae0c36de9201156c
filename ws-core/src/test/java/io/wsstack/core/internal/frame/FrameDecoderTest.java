package io.wsstack.core.internal.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsstack.core.Hex;
import io.wsstack.core.Role;
import io.wsstack.core.WebSocketProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The resumable decoder on its own: states, chunked payload delivery, halting. */
class FrameDecoderTest {

    /** Records handler calls as strings. */
    private static final class Recorder implements FrameHandler {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onFrameStart(boolean fin, int rsv, int opcode, long length) {
            calls.add("start:" + fin + ":" + rsv + ":" + opcode + ":" + length);
        }

        @Override
        public void onPayload(ByteBuffer chunk) {
            calls.add("payload:" + Hex.of(chunk));
        }

        @Override
        public void onFrameEnd() {
            calls.add("end");
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.2: the decoder waits in HEADER, EXTENDED_LENGTH, MASK_KEY and PAYLOAD as bytes trickle in")
    void statesWhileWaiting() {
        Recorder r = new Recorder();
        FrameDecoder d = new FrameDecoder(Role.SERVER, 1 << 20, false, r);
        byte[] wire = Hex.bytes("82fe0080" + "00000000" + "00".repeat(128));
        d.decode(ByteBuffer.wrap(wire, 0, 1));
        assertThat(d.state()).isEqualTo(FrameDecoder.State.HEADER);
        d.decode(ByteBuffer.wrap(wire, 1, 2));
        assertThat(d.state()).isEqualTo(FrameDecoder.State.EXTENDED_LENGTH);
        d.decode(ByteBuffer.wrap(wire, 3, 2));
        assertThat(d.state()).isEqualTo(FrameDecoder.State.MASK_KEY);
        d.decode(ByteBuffer.wrap(wire, 5, 5));
        assertThat(d.state()).isEqualTo(FrameDecoder.State.PAYLOAD);
        assertThat(r.calls).containsExactly("start:true:0:2:128", "payload:0000");
        d.decode(ByteBuffer.wrap(wire, 10, wire.length - 10));
        assertThat(d.state()).isEqualTo(FrameDecoder.State.HEADER);
        assertThat(r.calls).endsWith("end");
    }

    @Test
    @DisplayName("RFC 6455 §5.2: payload is handed over in the pieces it arrives in, unmasked")
    void payloadInPieces() {
        Recorder r = new Recorder();
        FrameDecoder d = new FrameDecoder(Role.SERVER, 1 << 20, false, r);
        byte[] wire = Hex.bytes("818537fa213d7f9f4d5158");
        d.decode(ByteBuffer.wrap(wire, 0, 8));
        d.decode(ByteBuffer.wrap(wire, 8, 3));
        assertThat(r.calls).containsExactly("start:true:0:1:5", "payload:4865", "payload:6c6c6f", "end");
    }

    @Test
    @DisplayName("RFC 6455 §5.2: several frames in one buffer, including empty ones")
    void manyFramesPerBuffer() {
        Recorder r = new Recorder();
        FrameDecoder d = new FrameDecoder(Role.CLIENT, 1 << 20, false, r);
        d.decode(Hex.buffer("8100" + "8a00" + "820101"));
        assertThat(r.calls).containsExactly("start:true:0:1:0", "end", "start:true:0:10:0", "end",
                "start:true:0:2:1", "payload:01", "end");
    }

    @Test
    @DisplayName("RFC 6455 §5.2: halt() stops decoding at once and consumes further input")
    void halt() {
        List<String> calls = new ArrayList<>();
        FrameDecoder[] self = new FrameDecoder[1];
        self[0] = new FrameDecoder(Role.CLIENT, 1 << 20, false, new FrameHandler() {
            @Override
            public void onFrameStart(boolean fin, int rsv, int opcode, long length) {
                calls.add("start:" + opcode);
            }

            @Override
            public void onPayload(ByteBuffer chunk) {
            }

            @Override
            public void onFrameEnd() {
                self[0].halt();
            }
        });
        ByteBuffer in = Hex.buffer("8800" + "8100");
        self[0].decode(in);
        assertThat(calls).containsExactly("start:8");
        assertThat(self[0].state()).isEqualTo(FrameDecoder.State.HALTED);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    @DisplayName("RFC 7692 §6: with the extension negotiated RSV1 is reported on the first data frame")
    void rsv1Reported() {
        Recorder r = new Recorder();
        new FrameDecoder(Role.CLIENT, 1 << 20, true, r).decode(Hex.buffer("c100"));
        assertThat(r.calls).containsExactly("start:true:64:1:0", "end");
    }

    @Test
    @DisplayName("RFC 6455 §5.2: a limit of at most 125 bytes is checked on the 7-bit length as well → 1009")
    void smallFrameLimit() {
        FrameDecoder d = new FrameDecoder(Role.CLIENT, 4, false, new Recorder());
        assertThatThrownBy(() -> d.decode(Hex.buffer("8205")))
                .isInstanceOfSatisfying(WebSocketProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(1009));
    }

    @Test
    @DisplayName("RFC 6455 §5.2: the encoder writes the headers the decoder reads for every length form")
    void encoderHeaderForms() {
        byte[] header = new byte[14];
        assertThat(FrameEncoder.writeHeader(header, true, 0, 2, 125, false, 0)).isEqualTo(2);
        assertThat(FrameEncoder.writeHeader(header, true, 0, 2, 126, true, 1)).isEqualTo(8);
        assertThat(FrameEncoder.writeHeader(header, false, 0x40, 1, 1L << 32, true, 0x01020304)).isEqualTo(14);
        assertThat(Hex.of(header)).isEqualTo("41ff000000010000000001020304");
        assertThat(FrameEncoder.headerLength(65535, false)).isEqualTo(4);
        assertThat(FrameEncoder.headerLength(65536, true)).isEqualTo(14);
        assertThat(WebSocketProtocol.ACCEPT_GUID).isEqualTo("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    }
}
