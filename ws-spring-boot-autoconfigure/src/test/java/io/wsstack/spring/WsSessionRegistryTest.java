package io.wsstack.spring;

import io.wsstack.core.PreparedMessage;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.spring.transport.FrameSharing;
import io.wsstack.spring.transport.TransportSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

public class WsSessionRegistryTest {

    /** Records what the registry asks of it. */
    public static class FakeSession implements TransportSession {
        final String id;
        final String endpoint;
        final FrameSharing sharing;
        final List<PreparedMessage> prepared = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        boolean open = true;

        public FakeSession(String id, String endpoint, FrameSharing sharing) {
            this.id = id;
            this.endpoint = endpoint;
            this.sharing = sharing;
        }

        @Override public FrameSharing frameSharing() { return sharing; }
        @Override public PreparedMessage prepare(boolean text, ByteBuffer payload) {
            return PreparedMessage.of(text, payload, sharing == FrameSharing.DEFLATE_STATELESS);
        }
        @Override public CompletableFuture<Void> sendPrepared(PreparedMessage message) { prepared.add(message); return CompletableFuture.completedFuture(null); }
        @Override public long queuedBytes() { return 0; }
        @Override public long queuedBytesHighWater() { return 0; }
        @Override public String id() { return id; }
        @Override public String endpoint() { return endpoint; }
        @Override public String path() { return "/" + endpoint; }
        @Override public Map<String, String> pathVariables() { return Map.of(); }
        @Override public Map<String, Object> attributes() { return Map.of(); }
        @Override public Principal principal() { return null; }
        @Override public String subprotocol() { return null; }
        @Override public List<ExtensionOffer> extensions() { return List.of(); }
        @Override public InetSocketAddress remoteAddress() { return null; }
        @Override public boolean isOpen() { return open; }
        @Override public CompletableFuture<Void> sendText(String text) { texts.add(text); return CompletableFuture.completedFuture(null); }
        @Override public CompletableFuture<Void> sendBinary(ByteBuffer data) { return CompletableFuture.completedFuture(null); }
        @Override public CompletableFuture<Void> ping(ByteBuffer payload) { return CompletableFuture.completedFuture(null); }
        @Override public CompletableFuture<Void> close(WsCloseStatus status) { return CompletableFuture.completedFuture(null); }
    }

    private final WsSessionRegistry registry = new WsSessionRegistry();

    @Test
    @DisplayName("RFC 6455 §5.1: unmasked server frames are identical for every peer, so a broadcast encodes once")
    void broadcastEncodesOnceForSharedSessions() throws Exception {
        FakeSession a = new FakeSession("a", "chat", FrameSharing.PLAIN);
        FakeSession b = new FakeSession("b", "chat", FrameSharing.PLAIN);
        registry.add(a);
        registry.add(b);
        assertThat(registry.broadcast("chat", "hi").get()).isEqualTo(2);
        assertThat(a.prepared).hasSize(1);
        assertThat(b.prepared).hasSize(1);
        assertThat(a.prepared.get(0)).isSameAs(b.prepared.get(0));
    }

    @Test
    @DisplayName("RFC 7692: a session with its own compression context gets a per-session send")
    void compressingSessionFallsBack() throws Exception {
        FakeSession plain = new FakeSession("a", "chat", FrameSharing.PLAIN);
        FakeSession deflating = new FakeSession("b", "chat", FrameSharing.NONE);
        registry.add(plain);
        registry.add(deflating);
        assertThat(registry.broadcast("chat", "hi").get()).isEqualTo(2);
        assertThat(deflating.prepared).isEmpty();
        assertThat(deflating.texts).containsExactly("hi");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.1: sessions compressing without server context takeover share one deflated encoding")
    void statelessDeflateSessionsShareOneEncoding() throws Exception {
        FakeSession plain = new FakeSession("a", "chat", FrameSharing.PLAIN);
        FakeSession d1 = new FakeSession("b", "chat", FrameSharing.DEFLATE_STATELESS);
        FakeSession d2 = new FakeSession("c", "chat", FrameSharing.DEFLATE_STATELESS);
        List.of(plain, d1, d2).forEach(registry::add);
        assertThat(registry.broadcast("chat", ByteBuffer.wrap(new byte[] {1, 2, 3})).get()).isEqualTo(3);
        assertThat(d1.prepared.get(0)).isSameAs(d2.prepared.get(0)).isNotSameAs(plain.prepared.get(0));
        assertThat(d1.texts).isEmpty();
    }

    @Test
    @DisplayName("Broadcast: the filter, the endpoint and closed sessions limit the recipients")
    void filterAndEndpointLimitRecipients() throws Exception {
        FakeSession a = new FakeSession("a", "chat", FrameSharing.NONE);
        FakeSession b = new FakeSession("b", "chat", FrameSharing.NONE);
        FakeSession closed = new FakeSession("c", "chat", FrameSharing.NONE);
        closed.open = false;
        FakeSession other = new FakeSession("d", "news", FrameSharing.NONE);
        List.of(a, b, closed, other).forEach(registry::add);
        assertThat(registry.broadcast("chat", "hi", s -> !s.id().equals("b")).get()).isEqualTo(1);
        assertThat(a.texts).containsExactly("hi");
        assertThat(b.texts).isEmpty();
        assertThat(closed.texts).isEmpty();
        assertThat(other.texts).isEmpty();
    }

    @Test
    @DisplayName("Lookup by id and listing by endpoint follow add and remove")
    void lookupFollowsLifecycle() {
        FakeSession a = new FakeSession("a", "chat", FrameSharing.PLAIN);
        registry.add(a);
        assertThat(registry.find("a")).containsSame(a);
        assertThat(registry.sessions("chat")).containsExactly(a);
        registry.remove(a);
        registry.remove(a);
        assertThat(registry.find("a")).isEmpty();
        assertThat(registry.sessions("chat")).isEmpty();
        assertThat(registry.size()).isZero();
    }
}
