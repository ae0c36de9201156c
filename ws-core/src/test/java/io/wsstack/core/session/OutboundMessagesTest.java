package io.wsstack.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.Connection;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.Hex;
import io.wsstack.core.RecordingListener;
import io.wsstack.core.Role;
import io.wsstack.core.deflate.ClientDeflateNegotiator;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.internal.frame.FrameEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the server's send path puts on the wire, read back by a real client engine. */
class OutboundMessagesTest {

    private final FrameBufferPool pool = new FrameBufferPool(4, 8192);
    private final OutboundFrames queue = new OutboundFrames(pool);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    /** Drains the queue like a gathering transport; returns the buffers in write order. */
    private List<ByteBuffer> drain() {
        List<ByteBuffer> out = new ArrayList<>();
        ByteBuffer[] batch = new ByteBuffer[8];
        Object[] completions = new Object[8];
        for (int n; (n = queue.drainTo(batch, completions, batch.length)) > 0; ) {
            for (int i = 0; i < n; i++) {
                out.add(batch[i]);
                Completions.complete(completions[i]);
            }
        }
        return out;
    }

    private static byte[] concat(List<ByteBuffer> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : buffers) {
            ByteBuffer d = b.duplicate();
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** What a client engine makes of these bytes. */
    private static List<String> readAsClient(byte[] wire, MessageCompression clientCompression) {
        RecordingListener listener = new RecordingListener();
        Connection client = new Connection(Role.CLIENT, ConnectionSettings.DEFAULTS, clientCompression, () -> 0x01020304,
                listener, (frames, control) -> { });
        client.receive(ByteBuffer.wrap(wire));
        return listener.events;
    }

    private static String text(int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            b.append("{\"k\":").append(b.length()).append(",\"v\":\"caf\u00e9\"}");
        }
        return b.substring(0, length);
    }

    @Test
    @DisplayName("RFC 6455 §5.2: small text frames are encoded straight into one pooled buffer, exactly as FrameEncoder would")
    void smallFramesCoalesce() {
        OutboundMessages messages = new OutboundMessages(queue, null, null);
        String a = "twenty bytes of text";
        String b = "caf\u00e9 \uD83D\uDE00";
        assertThat(messages.text(a, null)).isEqualTo(22);
        assertThat(messages.lastPayloadLength()).isEqualTo(20);
        messages.text(b, null);
        messages.binary(ByteBuffer.wrap(new byte[] {1, 2, 3}), false, null);
        List<ByteBuffer> written = drain();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).capacity()).isEqualTo(8192);
        byte[] expected = concat(List.of(
                FrameEncoder.encode(true, 0, 1, ByteBuffer.wrap(a.getBytes(StandardCharsets.UTF_8)), false, 0),
                FrameEncoder.encode(true, 0, 1, ByteBuffer.wrap(b.getBytes(StandardCharsets.UTF_8)), false, 0),
                FrameEncoder.encode(true, 0, 2, ByteBuffer.wrap(new byte[] {1, 2, 3}), false, 0)));
        assertThat(concat(written)).isEqualTo(expected);
        assertThat(readAsClient(expected, null)).containsExactly("text:" + a, "text:" + b, "binary:010203");
    }

    @Test
    @DisplayName("A payload of 1 KiB or more that is ours is written after its header without being copied")
    void largeOwnedPayloadIsGathered() {
        OutboundMessages messages = new OutboundMessages(queue, null, null);
        messages.text("hi", null);
        ByteBuffer payload = ByteBuffer.wrap(new byte[4096]);
        payload.array()[4095] = 9;
        assertThat(messages.binary(payload, true, null)).isEqualTo(4 + 4096);
        messages.text("after", null);
        List<ByteBuffer> written = drain();
        assertThat(written).hasSize(3);
        assertThat(written.get(1).array()).as("the caller's array itself").isSameAs(payload.array());
        List<String> events = readAsClient(concat(written), null);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isEqualTo("text:hi");
        assertThat(events.get(1)).startsWith("binary:0000").endsWith("09");
        assertThat(events.get(2)).isEqualTo("text:after");
    }

    @Test
    @DisplayName("A large buffer the caller keeps is copied before the send returns")
    void largeKeptPayloadIsCopied() {
        OutboundMessages messages = new OutboundMessages(queue, null, null);
        ByteBuffer payload = ByteBuffer.wrap(new byte[2048]);
        messages.binary(payload, false, null);
        payload.array()[0] = 7; // the caller reuses its buffer
        List<ByteBuffer> written = drain();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).array()).isNotSameAs(payload.array());
        assertThat(readAsClient(concat(written), null).get(0)).startsWith("binary:0000");
    }

    @Test
    @DisplayName("RFC 7692 §7.2.1: compressed messages (RSV1) read back exactly, small and large, context kept across them")
    void compressedRoundTrip() {
        ServerDeflateNegotiator server = new ServerDeflateNegotiator(DeflateOptions.defaults());
        ClientDeflateNegotiator client = new ClientDeflateNegotiator(DeflateOptions.defaults());
        resources.add(server);
        resources.add(client);
        NegotiatedDeflate serverSide = server.negotiate(
                ExtensionHeaderParser.parseLenient(ExtensionOffer.toHeaderValue(client.offers()))).orElseThrow();
        NegotiatedDeflate clientSide = client.accept(
                ExtensionHeaderParser.parseStrict(serverSide.responseElement().toHeaderValue())).orElseThrow();
        MessageCompression serverCompression = serverSide.newCompression(Role.SERVER);
        MessageCompression clientCompression = clientSide.newCompression(Role.CLIENT);
        resources.add(serverCompression);
        resources.add(clientCompression);
        OutboundMessages messages = new OutboundMessages(queue, serverCompression, null);
        String small = text(200);
        String large = text(20_000);
        long wire = messages.text(small, null);
        assertThat(wire).isLessThan(200);
        assertThat(messages.lastPayloadLength()).isEqualTo(small.getBytes(StandardCharsets.UTF_8).length);
        messages.text(large, null);
        messages.binary(ByteBuffer.wrap(large.getBytes(StandardCharsets.UTF_8)), false, null);
        byte[] bytes = concat(drain());
        assertThat(bytes[0] & 0xFF).as("FIN, RSV1, text").isEqualTo(0xC1);
        assertThat(readAsClient(bytes, clientCompression)).containsExactly("text:" + small, "text:" + large,
                "binary:" + Hex.of(large.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("RFC 6455 §5.3: a client masks every frame, small or large, and never sends a payload uncopied")
    void clientMasks() {
        OutboundMessages messages = new OutboundMessages(queue, null, () -> 0x37FA213D);
        ByteBuffer payload = ByteBuffer.wrap(new byte[3000]);
        messages.text("Hello", null);
        messages.binary(payload, true, null);
        List<ByteBuffer> written = drain();
        byte[] bytes = concat(written);
        assertThat(Hex.of(java.util.Arrays.copyOf(bytes, 11))).isEqualTo("818537fa213d7f9f4d5158");
        for (ByteBuffer b : written) {
            assertThat(b.array()).isNotSameAs(payload.array());
        }
        assertThat(payload.array()).containsOnly(0);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: after our Close nothing is encoded; the futures of written messages complete")
    void refusedAfterClose() {
        OutboundMessages messages = new OutboundMessages(queue, null, null);
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        messages.text("a", first);
        messages.text("b", second);
        queue.addControl(ByteBuffer.wrap(new byte[] {(byte) 0x88, 0}), null);
        assertThat(messages.text("c", null)).isEqualTo(-1);
        assertThat(messages.binary(ByteBuffer.allocate(5000), true, null)).isEqualTo(-1);
        assertThat(Hex.of(concat(drain()))).isEqualTo("8101618101628800");
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
    }
}
