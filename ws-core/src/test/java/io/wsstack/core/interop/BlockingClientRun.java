package io.wsstack.core.interop;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.ClientEngine;
import io.wsstack.core.WebSocketMessage;
import io.wsstack.core.deflate.DeflateOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives the plain {@link ClientEngine} engine API over a blocking socket: handshake with a
 * permessage-deflate offer, the standard messages, their echoes, and a clean close.
 */
final class BlockingClientRun {

    /** What one run saw. */
    record Outcome(boolean compressionAccepted, List<WebSocketMessage> echoes, long wireBytesIn, long payloadBytesIn,
            int closeCode, io.wsstack.core.deflate.NegotiatedDeflate deflate) {
    }

    private BlockingClientRun() {
    }

    static Outcome run(int port, DeflateOptions deflate, List<StandardMessages.Message> messages) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            ClientEngine client = new ClientEngine();
            client.requestPerMessageDeflate(deflate);
            out.write(client.createHandshake("127.0.0.1:" + port, "/").build());

            byte[] buffer = new byte[16 * 1024];
            ByteBuffer rest = null;
            while (rest == null) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("server closed during the handshake");
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                if (client.validateHandshakeResponse(chunk)) {
                    rest = chunk;
                }
            }
            for (StandardMessages.Message m : messages) {
                out.write(m.text() ? client.sendText(new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8))
                        : client.sendBinary(m.payload()));
            }
            List<WebSocketMessage> echoes = new ArrayList<>();
            long wire = rest.remaining();
            long payload = 0;
            WebSocketMessage next = client.processFrame(rest);
            while (echoes.size() < messages.size()) {
                if (next == null) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        throw new IOException("server closed after " + echoes.size() + " echoes");
                    }
                    wire += n;
                    next = client.processFrame(ByteBuffer.wrap(buffer, 0, n));
                    continue;
                }
                if (next.type() == WebSocketMessage.Type.TEXT || next.type() == WebSocketMessage.Type.BINARY) {
                    echoes.add(next);
                    payload += next.data().length;
                }
                next = client.processFrame(new byte[0]);
            }
            out.write(client.sendClose(CloseCodes.NORMAL_CLOSURE, "done"));
            int closeCode = awaitClose(client, in, buffer);
            client.release();
            return new Outcome(client.compressionAccepted(), echoes, wire, payload, closeCode, client.negotiatedDeflate());
        }
    }

    private static int awaitClose(ClientEngine client, InputStream in, byte[] buffer) throws IOException {
        while (true) {
            WebSocketMessage m = client.processFrame(new byte[0]);
            if (m == null) {
                int n = in.read(buffer);
                if (n < 0) {
                    return CloseCodes.ABNORMAL_CLOSURE;
                }
                m = client.processFrame(ByteBuffer.wrap(buffer, 0, n));
            }
            if (m != null && m.type() == WebSocketMessage.Type.CLOSE) {
                return m.closeCode();
            }
        }
    }
}
