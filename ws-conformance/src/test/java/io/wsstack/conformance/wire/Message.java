package io.wsstack.conformance.wire;

import java.nio.charset.StandardCharsets;

/**
 * What the test client saw from the server: a whole data message (fragments joined, inflated if it
 * was compressed) or a single control frame.
 *
 * @param opcode     {@link Frame#TEXT}, {@link Frame#BINARY}, or a control opcode
 * @param payload    the message payload (inflated) or the control frame payload
 * @param compressed whether the message carried RSV1 (permessage-deflate)
 * @param frames     how many frames the message arrived in
 * @param closeFrame for {@link Frame#CLOSE}, the frame itself (code and reason); otherwise null
 */
public record Message(int opcode, byte[] payload, boolean compressed, int frames, Frame closeFrame) {

    /** The payload decoded as UTF-8 (no validation: tests compare bytes). */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return (closeFrame != null ? closeFrame.toString() : "opcode " + opcode + " [" + payload.length + " bytes]")
                + (compressed ? " compressed" : "") + (frames > 1 ? " in " + frames + " frames" : "");
    }
}
