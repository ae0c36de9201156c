package io.wsstack.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The verdicts of the Autobahn cases, made strict: an echo must come back byte for byte as the same
 * message type; a failed connection must show a Close frame with exactly the expected code and then
 * the end of the TCP connection; a clean close must answer our Close 1000 with 1000 and nothing else
 * first.
 */
public final class Expect {

    private Expect() {
    }

    /** The next message is {@code payload} echoed as the same type. */
    public static Message echo(RawClient client, int opcode, byte[] payload) throws IOException {
        Message m = client.nextMessage();
        assertThat(m.opcode()).as("echoed message type of %s", m).isEqualTo(opcode);
        assertThat(m.payload()).as("echoed payload").isEqualTo(payload);
        return m;
    }

    /** The next message is {@code text} echoed as a text message. */
    public static Message echoText(RawClient client, String text) throws IOException {
        return echo(client, Frame.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next frame is a pong carrying {@code payload} (RFC 6455 §5.5.3). */
    public static void pong(RawClient client, byte[] payload) throws IOException {
        Message m = client.nextMessage();
        assertThat(m.opcode()).as("expected a pong, got %s", m).isEqualTo(Frame.PONG);
        assertThat(m.payload()).as("pong payload").isEqualTo(payload);
    }

    /**
     * The server failed the connection (RFC 6455 §7.1.7): the next frame is a Close with
     * {@code code}, and after our Close reply the server ends the TCP connection.
     */
    public static void failure(RawClient client, int code) throws IOException {
        Message m = client.nextMessage();
        assertThat(m.opcode()).as("expected Close %d, got %s", code, m).isEqualTo(Frame.CLOSE);
        assertThat(m.closeFrame().closeCode()).as("close code").isEqualTo(code);
        client.sendQuietly(client.frames().frame(Frame.CLOSE, FrameWriter.closeBody(code, new byte[0])));
        assertThat(client.awaitEndOfStream()).as("end of the TCP connection").isNull();
    }

    /**
     * We close with 1000; the very next frame is the server's Close 1000 (so nothing was sent in
     * between, such as an echo or pong that should not exist) and the server then ends the TCP connection.
     */
    public static void cleanClose(RawClient client) throws IOException {
        client.sendClose(1000);
        closeEcho(client, 1000);
    }

    /** The next frame is the server's Close echo with {@code code}, then the TCP connection ends. */
    public static void closeEcho(RawClient client, int code) throws IOException {
        Message m = client.nextMessage();
        assertThat(m.opcode()).as("expected the Close echo, got %s", m).isEqualTo(Frame.CLOSE);
        assertThat(m.closeFrame().closeCode()).as("echoed close code").isEqualTo(code);
        assertThat(client.awaitEndOfStream()).as("end of the TCP connection").isNull();
    }
}
