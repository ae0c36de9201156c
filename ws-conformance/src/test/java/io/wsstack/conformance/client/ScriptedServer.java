package io.wsstack.conformance.client;

import io.wsstack.conformance.wire.Frame;
import io.wsstack.conformance.wire.FrameReader;
import io.wsstack.conformance.wire.FrameWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A one-connection WebSocket server on loopback that answers the handshake with a correct 101
 * (plus any extra response headers), writes scripted bytes — possibly in the same write as the
 * 101 — and records every frame the client sends back; a Close from the client is answered and the
 * TCP connection closed, as a server does. It mirrors the Autobahn server cases for
 * the client engine: written from RFC 6455 alone, sharing no code with the engine.
 */
public final class ScriptedServer implements AutoCloseable {

    private static final Pattern KEY = Pattern.compile("(?i)Sec-WebSocket-Key:\\s*(\\S+)");

    private final ServerSocket serverSocket;
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private volatile Socket socket;
    private volatile boolean clientClosedTcp;

    /**
     * @param extraHeaders response header lines ending in CRLF (e.g. a permessage-deflate answer), or ""
     * @param script       bytes to write right after the 101, in the same TCP write
     */
    public ScriptedServer(String extraHeaders, byte[] script) throws IOException {
        serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> serve(extraHeaders, script), "scripted-server");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void serve(String extraHeaders, byte[] script) {
        try (Socket s = serverSocket.accept()) {
            socket = s;
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String request = readHead(in);
            Matcher m = KEY.matcher(request);
            if (!m.find()) {
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((m.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            response.writeBytes(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            response.writeBytes(script);
            out.write(response.toByteArray());
            out.flush();
            FrameReader reader = new FrameReader(in);
            for (Frame f = reader.next(); f != null; f = reader.next()) {
                received.add(f);
                if (f.opcode() == Frame.CLOSE) {
                    // As a server does (RFC 6455 §7.1.1): answer the Close, then close TCP first.
                    out.write(FrameWriter.unmasked().frame(Frame.CLOSE, f.payload().length >= 2
                            ? Arrays.copyOf(f.payload(), 2) : new byte[0]));
                    out.flush();
                    return;
                }
            }
            clientClosedTcp = true;
        } catch (Exception e) {
            // The client dropped the connection or the test ended: nothing more to record.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed during the handshake");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The next frame the client sent, waiting up to ten seconds; null if none came. */
    public Frame nextFromClient() throws InterruptedException {
        return received.poll(10, TimeUnit.SECONDS);
    }

    /** Writes more bytes to the client. */
    public void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Whether the client ended the TCP connection. */
    public boolean clientClosedTcp() {
        return clientClosedTcp;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
    }
}
