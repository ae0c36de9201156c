package io.wsstack.test;

import io.wsstack.client.WsClientListener;
import io.wsstack.client.WsClientSession;
import io.wsstack.core.WsCloseStatus;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One open test connection with fluent steps. Received messages queue up in arrival order; each
 * {@code expect…} step takes the next one, so a test reads like the conversation. Every step waits at
 * most the timeout and fails with an {@link AssertionError} describing what arrived instead.
 * Not for concurrent use by several test threads.
 */
public final class WsTestSession implements AutoCloseable {

    /** Something that arrived: a message, or the end of the session. */
    private record Received(String text, byte[] binary, WsCloseStatus close) {

        @Override
        public String toString() {
            if (close != null) {
                return "close " + close.code() + (close.reason().isEmpty() ? "" : " \"" + close.reason() + "\"");
            }
            return text != null ? "text " + quote(text) : "binary " + hex(binary);
        }
    }

    private final URI uri;
    private final Duration timeout;
    private final JsonSupport json;
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final List<Received> taken = new CopyOnWriteArrayList<>();
    private volatile WsClientSession session;
    private volatile WsCloseStatus closed;

    WsTestSession(URI uri, Duration timeout, JsonSupport json) {
        this.uri = uri;
        this.timeout = timeout;
        this.json = json;
    }

    void opened(WsClientSession session) {
        this.session = session;
    }

    WsClientListener listener() {
        return new WsClientListener() {
            @Override
            public void onText(WsClientSession s, String text) {
                inbox.add(new Received(text, null, null));
            }

            @Override
            public void onBinary(WsClientSession s, ByteBuffer data) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                inbox.add(new Received(null, bytes, null));
            }

            @Override
            public void onClose(WsClientSession s, int code, String reason) {
                WsCloseStatus status = new WsCloseStatus(code, reason);
                closed = status;
                inbox.add(new Received(null, null, status));
            }
        };
    }

    /** The subprotocol the server selected, or {@code null}. */
    public String subprotocol() {
        return session.subprotocol();
    }

    /** The underlying client session, for what the steps do not cover (pings, fragments, headers). */
    public WsClientSession session() {
        return session;
    }

    // ---- sending -------------------------------------------------------------------------------

    /** Sends a text message and waits until it was written. */
    public WsTestSession sendText(String text) {
        return sent(session.sendText(text), "text " + quote(text));
    }

    /** Sends a binary message and waits until it was written. */
    public WsTestSession sendBinary(byte[] data) {
        return sent(session.sendBinary(data), "binary " + hex(data));
    }

    /** Sends {@code value} as JSON text (with the application's JSON mapper in a Spring test). */
    public WsTestSession sendJson(Object value) {
        return sendText(json.write(value));
    }

    // ---- expecting -----------------------------------------------------------------------------

    /** Expects the next message to be exactly this text. */
    public WsTestSession expectText(String expected) {
        String actual = expectText();
        if (!actual.equals(expected)) {
            throw failure("Expected text " + quote(expected) + " but received text " + quote(actual));
        }
        return this;
    }

    /** Expects the next message to be text and returns it. */
    public String expectText() {
        Received next = next("a text message");
        if (next.text() == null) {
            throw failure("Expected a text message but received " + next);
        }
        return next.text();
    }

    /** Expects the next message to be text that passes {@code assertion} (an AssertJ block, say). */
    public WsTestSession expectText(Consumer<String> assertion) {
        assertion.accept(expectText());
        return this;
    }

    /**
     * Waits for a text message that {@code matching} accepts, skipping the text messages before it: for
     * broadcasts whose order relative to others is not defined. Returns the matching text.
     */
    public String awaitText(java.util.function.Predicate<String> matching) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            Received next;
            try {
                next = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (next == null || next.text() == null) {
                if (next != null) {
                    taken.add(next);
                }
                throw failure("Expected a matching text message within " + describe(timeout) + " but "
                        + (next == null ? "none arrived" : "received " + next) + "; skipped: " + skipped);
            }
            taken.add(next);
            if (matching.test(next.text())) {
                return next.text();
            }
            skipped.add(quote(next.text()));
        }
    }

    /** Expects the next message to be JSON text decodable to {@code type}, and returns the value. */
    public <T> T expectJson(Class<T> type) {
        String text = expectText();
        try {
            return json.read(text, type);
        } catch (RuntimeException e) {
            throw failure("Expected JSON decodable to " + type.getSimpleName() + " but received text " + quote(text)
                    + ": " + e.getMessage());
        }
    }

    /** Expects the next message to be JSON of {@code type} that passes {@code assertion}. */
    public <T> WsTestSession expectJson(Class<T> type, Consumer<T> assertion) {
        assertion.accept(expectJson(type));
        return this;
    }

    /** Expects the next message to be exactly these bytes. */
    public WsTestSession expectBinary(byte[] expected) {
        byte[] actual = expectBinary();
        if (!Arrays.equals(actual, expected)) {
            throw failure("Expected binary " + hex(expected) + " but received binary " + hex(actual));
        }
        return this;
    }

    /** Expects the next message to be binary and returns its bytes. */
    public byte[] expectBinary() {
        Received next = next("a binary message");
        if (next.binary() == null) {
            throw failure("Expected a binary message but received " + next);
        }
        return next.binary();
    }

    /**
     * Expects the server to close the session with {@code code} (RFC 6455 §7.4) before sending anything
     * else; 1006 stands for a connection dropped without a closing handshake.
     */
    public WsTestSession expectClose(int code) {
        Received next = next("close " + code);
        if (next.close() == null) {
            throw failure("Expected close " + code + " but received " + next + " first");
        }
        if (next.close().code() != code) {
            throw failure("Expected close " + code + " but the session closed with " + next);
        }
        return this;
    }

    /** Expects nothing to arrive for {@code quiet}: no message, no close. */
    public WsTestSession expectNothingFor(Duration quiet) {
        Received next;
        try {
            next = inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (next != null) {
            taken.add(next);
            throw failure("Expected nothing for " + describe(quiet) + " but received " + next);
        }
        return this;
    }

    /** Closes with 1000 and waits for the server's answer; returns the final status. */
    public WsCloseStatus closeNormally() {
        try {
            return session.close().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw failure("Expected the closing handshake to finish within " + describe(timeout) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Closes the session if it is still open (1000), without asserting anything. */
    @Override
    public void close() {
        WsClientSession s = session;
        if (s != null && closed == null) {
            try {
                s.close().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                s.abort();
            }
        }
    }

    // ---- internals -----------------------------------------------------------------------------

    private WsTestSession sent(CompletableFuture<Void> send, String what) {
        try {
            send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return this;
        } catch (ExecutionException e) {
            throw failure("Could not send " + what + ": " + e.getCause());
        } catch (TimeoutException e) {
            throw failure("Could not send " + what + " within " + describe(timeout) + " (the server does not read)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Received next(String expected) {
        Received next;
        try {
            next = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + expected, e);
        }
        if (next == null) {
            throw failure("Expected " + expected + " within " + describe(timeout) + " but nothing arrived"
                    + (closed != null ? "; the session is closed" : "; the session is still open"));
        }
        if (next.close() != null && !expected.startsWith("close")) {
            throw failure("Expected " + expected + " but the session closed: " + next);
        }
        taken.add(next);
        return next;
    }

    private AssertionError failure(String message) {
        List<Received> before = new ArrayList<>(taken);
        if (!before.isEmpty()) {
            before.remove(before.size() - 1);
        }
        String history = before.isEmpty() ? "" : "\n  received before, in order: " + before;
        String pending = inbox.isEmpty() ? "" : "\n  not yet expected: " + new ArrayList<>(inbox);
        return new AssertionError(message + "\n  session: " + uri + history + pending);
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String quote(String text) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + " chars)" : text;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }

    static String hex(byte[] data) {
        Objects.requireNonNull(data, "data");
        StringBuilder sb = new StringBuilder(data.length * 3 + 16).append(data.length).append(" bytes [");
        for (int i = 0; i < Math.min(data.length, 32); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", data[i]));
        }
        return sb.append(data.length > 32 ? " …]" : "]").toString();
    }
}
