package io.wsstack.conformance.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebSocket client on a plain socket that writes exactly the bytes a test asks for and reports
 * exactly what came back, in the manner of the Autobahn|Testsuite fuzzing client. It shares no code
 * with the engine: its handshake, framing and compression are written here from RFC 6455 and
 * RFC 7692 so that a bug in the engine cannot hide by being mirrored.
 *
 * <p>Reads block for at most {@link #READ_TIMEOUT_MILLIS}; a server that should have answered and
 * did not makes the read throw, which fails the test (tests never assert on timings).
 */
public final class RawClient implements AutoCloseable {

    /** The client window a server answered (RFC 7692 §7.1.2.2), quoted or not. */
    private static final Pattern CLIENT_WINDOW = Pattern.compile("client_max_window_bits=\"?(\\d+)");

    /** How long a read waits before the test is declared failed. */
    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameReader reader;
    private final FrameWriter writer = FrameWriter.masking(0x5EED);
    private UpgradeHandshake.ResponseHead head;
    private ClientDeflate deflate;
    /** A data message whose final frame has not arrived yet (a control frame came in between). */
    private ByteArrayOutputStream pending;
    private int pendingOpcode;
    private boolean pendingCompressed;
    private int pendingFrames;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.reader = new FrameReader(in);
    }

    /** Opens a TCP connection without handshaking (for handshake-level fault tests). */
    public static RawClient open(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return new RawClient(socket);
    }

    /** Connects and completes the opening handshake (RFC 6455 §4.1); fails unless the answer is a valid 101. */
    public static RawClient connect(InetSocketAddress address, String path) throws IOException {
        return connect(address, path, null);
    }

    /**
     * Connects offering {@code extensions} as {@code Sec-WebSocket-Extensions} (may be null). When
     * the server accepts permessage-deflate, the client compresses and inflates from then on.
     */
    public static RawClient connect(InetSocketAddress address, String path, String extensions) throws IOException {
        return connect(address, path, extensions, "");
    }

    /** As {@link #connect(InetSocketAddress, String, String)}, adding {@code extraHeaders} (lines ending in CRLF) to the request. */
    public static RawClient connect(InetSocketAddress address, String path, String extensions, String extraHeaders)
            throws IOException {
        RawClient client = open(address);
        try {
            client.handshake(address, path, extensions, extraHeaders);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private void handshake(InetSocketAddress address, String path, String extensions, String extraHeaders)
            throws IOException {
        byte[] nonce = new byte[16];
        new Random(path.hashCode()).nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        send(UpgradeHandshake.request(address, path, key, extensions, extraHeaders));
        readResponseHead();
        if (head.status() != 101) {
            throw new IOException("expected 101, got " + head.status() + " " + head.headers());
        }
        if (!UpgradeHandshake.expectedAccept(key).equals(responseHeader("Sec-WebSocket-Accept"))) {
            throw new IOException("wrong Sec-WebSocket-Accept: " + responseHeader("Sec-WebSocket-Accept"));
        }
        String accepted = responseHeader("Sec-WebSocket-Extensions");
        if (accepted != null && accepted.startsWith("permessage-deflate")) {
            Matcher window = CLIENT_WINDOW.matcher(accepted);
            deflate = new ClientDeflate(accepted.contains("client_no_context_takeover"),
                    accepted.contains("server_no_context_takeover"), window.find() ? Integer.parseInt(window.group(1)) : 15);
        }
    }

    /** Reads a response head byte by byte, so that no frame byte after it is consumed; returns its status. */
    public int readResponseHead() throws IOException {
        head = UpgradeHandshake.readHead(in);
        return head.status();
    }

    /** The HTTP status of the handshake response. */
    public int status() {
        return head.status();
    }

    /** A response header (names compared without case), or null. */
    public String responseHeader(String name) {
        return head.header(name);
    }

    /** Whether permessage-deflate was agreed. */
    public boolean compressing() {
        return deflate != null;
    }

    /** The masking frame writer of this client. */
    public FrameWriter frames() {
        return writer;
    }

    /** Writes bytes as one TCP write. */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes bytes in pieces of {@code chop} bytes, each flushed on its own (Autobahn's "chops"). */
    public void sendInChops(byte[] bytes, int chop) throws IOException {
        for (int offset = 0; offset < bytes.length; offset += chop) {
            out.write(bytes, offset, Math.min(chop, bytes.length - offset));
            out.flush();
        }
    }

    /**
     * As {@link #sendInChops}, but stops quietly when the server has closed the connection: a server
     * that fails the connection on a header may drop TCP before the rest of our bytes are written.
     * What the server answered is then judged by reading.
     */
    public void sendInChopsUntilClosed(byte[] bytes, int chop) {
        try {
            sendInChops(bytes, chop);
        } catch (IOException closedByServer) {
            // Expected when the server fails fast; the reads that follow decide the case.
        }
    }

    /** Sends one final, unfragmented frame. */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        send(writer.frame(opcode, payload));
    }

    /** Sends a whole message compressed with permessage-deflate, split into frames of {@code fragment} bytes (0: one frame). */
    public void sendCompressed(int opcode, byte[] message, int fragment) throws IOException {
        byte[] body = deflate.compress(message);
        sendFragmented(opcode, body, fragment, 4);
    }

    /** Sends a message split into frames of {@code fragment} payload bytes (0: one frame); {@code rsv} goes on the first frame. */
    public void sendFragmented(int opcode, byte[] message, int fragment, int rsv) throws IOException {
        if (fragment <= 0 || message.length <= fragment) {
            send(writer.frame(true, rsv, opcode, message));
            return;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(message.length + message.length / fragment * 14 + 14);
        for (int offset = 0; offset < message.length; offset += fragment) {
            int n = Math.min(fragment, message.length - offset);
            byte[] piece = new byte[n];
            System.arraycopy(message, offset, piece, 0, n);
            boolean first = offset == 0;
            all.writeBytes(writer.frame(offset + n == message.length, first ? rsv : 0, first ? opcode : Frame.CONTINUATION, piece));
        }
        send(all.toByteArray());
    }

    /** The next frame; fails if the server masked it (RFC 6455 §5.1) or the connection was closed. */
    public Frame nextFrame() throws IOException {
        Frame frame = reader.next();
        if (frame == null) {
            throw new IOException("the server closed the TCP connection");
        }
        if (frame.masked()) {
            throw new IOException("the server sent a masked frame (RFC 6455 §5.1): " + frame);
        }
        return frame;
    }

    /**
     * The next message or control frame. Data frames are joined until FIN and inflated when RSV1 was
     * set; a control frame between fragments is returned on its own and the message continues on the
     * next call.
     */
    public Message nextMessage() throws IOException {
        ByteArrayOutputStream data = null;
        int opcode = -1;
        boolean compressed = false;
        int frames = 0;
        while (true) {
            Frame frame = nextFrame();
            if (frame.isControl()) {
                if (frame.rsv() != 0) {
                    throw new IOException("reserved bits on a control frame: " + frame);
                }
                return new Message(frame.opcode(), frame.payload(), false, 1, frame.opcode() == Frame.CLOSE ? frame : null);
            }
            if (data == null) {
                data = pending != null ? pending : new ByteArrayOutputStream();
                opcode = pending != null ? pendingOpcode : frame.opcode();
                compressed = pending != null ? pendingCompressed : (frame.rsv() & 4) != 0;
                frames = pending != null ? pendingFrames : 0;
                checkReservedBits(frame, pending == null);
                pending = null;
            } else {
                checkReservedBits(frame, false);
            }
            data.writeBytes(frame.payload());
            frames++;
            if (!frame.fin()) {
                pending = data;
                pendingOpcode = opcode;
                pendingCompressed = compressed;
                pendingFrames = frames;
                data = null;
                continue;
            }
            byte[] payload = data.toByteArray();
            return new Message(opcode, compressed ? deflate.inflate(payload) : payload, compressed, frames, null);
        }
    }

    private void checkReservedBits(Frame frame, boolean first) throws IOException {
        int allowed = first && deflate != null ? 4 : 0;
        if ((frame.rsv() & ~allowed) != 0) {
            throw new IOException("reserved bits not negotiated (RFC 6455 §5.2): " + frame);
        }
    }

    /**
     * Waits for the TCP connection to end, ignoring nothing: any frame arriving first is returned as
     * a failure description. Returns null on a clean end of stream or a reset.
     */
    public String awaitEndOfStream() throws IOException {
        try {
            Frame frame = reader.next();
            return frame == null ? null : "unexpected frame before the end of the connection: " + frame;
        } catch (SocketException reset) {
            return null;
        } catch (SocketTimeoutException timeout) {
            return "the server did not close the TCP connection";
        }
    }

    /**
     * Reads and discards raw bytes (an HTTP body, say) until the server ends the TCP connection;
     * false if it did not within the read timeout.
     */
    public boolean awaitEndOfBytes() throws IOException {
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // discard
            }
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException timeout) {
            return false;
        }
    }

    /** Sends a Close frame with {@code code} and an empty reason. */
    public void sendClose(int code) throws IOException {
        sendFrame(Frame.CLOSE, FrameWriter.closeBody(code, new byte[0]));
    }

    /** Sends bytes, ignoring a failure because the server already closed the connection. */
    public void sendQuietly(byte[] bytes) {
        try {
            send(bytes);
        } catch (IOException alreadyClosed) {
            // The server may drop TCP right after failing the connection; nothing more to say then.
        }
    }

    /** The socket, for fault tests (linger, half-close). */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        if (deflate != null) {
            deflate.close();
            deflate = null;
        }
        socket.close();
    }
}
