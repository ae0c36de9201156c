package io.wsstack.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A listener that records every callback, for tests: messages can be awaited one by one, and the
 * whole sequence (with the thread each call came on) checked for order.
 */
class RecordingListener implements WsClientListener {

    /** Generous bound for one awaited event; tests never assert timings. */
    static final long WAIT_SECONDS = 20;

    /** One callback. {@code kind} is open, text, binary, ping, pong, error or close. */
    record Event(String kind, String text, byte[] bytes, int code, Throwable error, String thread) {
    }

    private final BlockingQueue<Event> messages = new LinkedBlockingQueue<>();
    final List<Event> all = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onOpen(WsClientSession session) {
        record(new Event("open", null, null, 0, null, thread()));
    }

    @Override
    public void onText(WsClientSession session, String text) {
        Event e = new Event("text", text, null, 0, null, thread());
        record(e);
        messages.add(e);
    }

    @Override
    public void onBinary(WsClientSession session, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        Event e = new Event("binary", null, bytes, 0, null, thread());
        record(e);
        messages.add(e);
    }

    @Override
    public void onPing(WsClientSession session, ByteBuffer payload) {
        record(new Event("ping", StandardCharsets.UTF_8.decode(payload).toString(), null, 0, null, thread()));
    }

    @Override
    public void onPong(WsClientSession session, ByteBuffer payload) {
        Event e = new Event("pong", StandardCharsets.UTF_8.decode(payload).toString(), null, 0, null, thread());
        record(e);
        messages.add(e);
    }

    @Override
    public void onError(WsClientSession session, Throwable error) {
        errors.add(error);
        record(new Event("error", String.valueOf(error), null, 0, error, thread()));
    }

    @Override
    public void onClose(WsClientSession session, int code, String reason) {
        record(new Event("close", reason, null, code, null, thread()));
    }

    /** The next text, binary or pong event. */
    Event next() throws InterruptedException {
        Event e = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no message within " + WAIT_SECONDS + " s; events so far: " + kinds());
        }
        return e;
    }

    String nextText() throws InterruptedException {
        Event e = next();
        if (!e.kind().equals("text")) {
            throw new AssertionError("expected text, got " + e.kind());
        }
        return e.text();
    }

    byte[] nextBinary() throws InterruptedException {
        Event e = next();
        if (!e.kind().equals("binary")) {
            throw new AssertionError("expected binary, got " + e.kind());
        }
        return e.bytes();
    }

    List<String> kinds() {
        return all.stream().map(Event::kind).toList();
    }

    private void record(Event e) {
        all.add(e);
    }

    private static String thread() {
        return Thread.currentThread().getName();
    }
}
