package io.wsstack.conformance.client;

import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.MaskKeySource;
import io.wsstack.core.ClientEngine;
import io.wsstack.core.WebSocketMessage;
import io.wsstack.core.WebSocketProtocolException;
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
 * Drives the plain client engine ({@link ClientEngine}) over a blocking socket against a
 * {@link ScriptedServer}: handshake, then read until the server's Close, a protocol failure, or
 * {@code messagesWanted} messages. Every byte the engine owes the server (pongs, close replies) is
 * written as soon as it exists.
 */
final class EngineClientRun implements ClientUnderTest {

    @Override
    public String toString() {
        return "plain engine client";
    }

    @Override
    public Outcome run(int port, DeflateOptions deflate, int messagesWanted) throws IOException {
        ClientEngine client = new ClientEngine(ConnectionSettings.DEFAULTS, MaskKeySource.secureRandom());
        if (deflate != null) {
            client.requestPerMessageDeflate(deflate);
        }
        List<Received> messages = new ArrayList<>();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            out.write(client.createHandshake("127.0.0.1:" + port, "/").build());
            byte[] buffer = new byte[16 * 1024];
            ByteBuffer chunk = ByteBuffer.allocate(0);
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("server closed during the handshake");
                }
                chunk = ByteBuffer.wrap(buffer, 0, n);
                if (client.validateHandshakeResponse(chunk)) {
                    break;
                }
            }
            try {
                WebSocketMessage m = client.processFrame(chunk);
                while (true) {
                    out.write(client.takeOutput());
                    if (m == null) {
                        int n = in.read(buffer);
                        if (n < 0) {
                            return new Outcome(messages, 0);
                        }
                        m = client.processFrame(ByteBuffer.wrap(buffer, 0, n));
                        continue;
                    }
                    messages.add(new Received(Received.Kind.valueOf(m.type().name()), m.data(), m.closeCode()));
                    if (m.type() == WebSocketMessage.Type.CLOSE || messages.size() >= messagesWanted) {
                        out.write(client.takeOutput());
                        return new Outcome(messages, 0);
                    }
                    m = client.processFrame(new byte[0]);
                }
            } catch (WebSocketProtocolException failed) {
                out.write(client.takeOutput()); // the engine's Close with the violation's code
                return new Outcome(messages, failed.closeCode());
            } finally {
                client.release();
            }
        }
    }
}
