package io.wsstack.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages of one scenario: {@value #VARIANTS} different texts whose sizes spread evenly over
 * the nominal size ± 25 % (20 B becomes 15–25 B), so that no server gets to echo the same bytes
 * over and over (a cache or a branch predictor would flatter it) and a reordered or mixed-up echo
 * cannot pass for the right one. Each connection walks the set from its own starting point, and
 * each echo is compared byte for byte with the message it answers.
 *
 * <p>The buffers are direct and shared read-only by every connection (each frame takes a
 * duplicate), so the load generator spends no CPU building messages during a phase.
 */
final class PayloadSet {

    static final int VARIANTS = 64;

    /** One set per nominal size for the whole run: the direct buffers are never released. */
    private static final Map<Integer, PayloadSet> BY_SIZE = new ConcurrentHashMap<>();

    private final ByteBuf[] payloads;
    private final long totalBytes;

    /** The run's set of messages around {@code nominalSize} bytes. */
    static PayloadSet of(int nominalSize) {
        return BY_SIZE.computeIfAbsent(nominalSize, PayloadSet::new);
    }

    /**
     * A set of given messages, e.g. the JSON-like texts of the deflate measurements, all of one size
     * (the smallest and largest are taken from the first and last). The caller keeps them alive.
     */
    static PayloadSet of(List<ByteBuf> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("no messages");
        }
        return new PayloadSet(messages.toArray(ByteBuf[]::new));
    }

    private PayloadSet(ByteBuf[] messages) {
        this.payloads = messages;
        long total = 0;
        for (ByteBuf message : messages) {
            total += message.readableBytes();
        }
        this.totalBytes = total;
    }

    private PayloadSet(int nominalSize) {
        this.payloads = new ByteBuf[VARIANTS];
        int spread = nominalSize / 4;
        long total = 0;
        for (int i = 0; i < VARIANTS; i++) {
            int size = Math.max(1, nominalSize - spread + (int) Math.round(2.0 * spread * i / (VARIANTS - 1)));
            byte[] text = Payloads.text(size, 31L * nominalSize + i);
            payloads[i] = Unpooled.unreleasableBuffer(Unpooled.directBuffer(size).writeBytes(text));
            total += size;
        }
        this.totalBytes = total;
    }

    /** The message at {@code index} modulo the set's size; callers must not move its indexes. */
    ByteBuf get(int index) {
        return payloads[Math.floorMod(index, payloads.length)];
    }

    /** How many different messages the set holds. */
    int size() {
        return payloads.length;
    }

    /** Average message size in bytes. */
    double meanSize() {
        return (double) totalBytes / payloads.length;
    }

    int smallest() {
        return payloads[0].readableBytes();
    }

    int largest() {
        return payloads[payloads.length - 1].readableBytes();
    }
}
