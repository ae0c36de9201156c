package io.wsstack.e2e;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal HTTP/2 peer: negotiates {@code h2} by ALPN over TLS, sends the connection preface and
 * returns the parameters of the server's first SETTINGS frame (RFC 9113 §6.5). The JDK's
 * {@code HttpClient} hides that frame, and it is what tells a browser whether it may open WebSocket
 * as an RFC 8441 extended CONNECT.
 */
final class Http2Settings {

    /** SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 §3). */
    static final int ENABLE_CONNECT_PROTOCOL = 0x8;

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int SETTINGS = 0x4;
    private static final int ACK = 0x1;

    private Http2Settings() {
    }

    /** The server's SETTINGS parameters by identifier, in the order sent. */
    static Map<Integer, Long> read(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) TestTls.trustAll().getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            if (!"h2".equals(socket.getApplicationProtocol())) {
                throw new IOException("ALPN did not select h2: " + socket.getApplicationProtocol());
            }
            OutputStream out = socket.getOutputStream();
            out.write(PREFACE);
            out.write(new byte[] {0, 0, 0, SETTINGS, 0, 0, 0, 0, 0}); // our empty SETTINGS frame
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                in.readInt(); // stream identifier
                byte[] payload = in.readNBytes(length);
                if (type == SETTINGS && (flags & ACK) == 0) {
                    return parse(payload);
                }
            }
        }
    }

    private static Map<Integer, Long> parse(byte[] payload) {
        Map<Integer, Long> settings = new LinkedHashMap<>();
        for (int i = 0; i + 6 <= payload.length; i += 6) {
            int id = (payload[i] & 0xff) << 8 | (payload[i + 1] & 0xff);
            long value = ((long) (payload[i + 2] & 0xff) << 24) | (payload[i + 3] & 0xff) << 16
                    | (payload[i + 4] & 0xff) << 8 | (payload[i + 5] & 0xff);
            settings.put(id, value);
        }
        return settings;
    }
}
