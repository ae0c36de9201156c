package io.wsstack.spring.transport;

import io.wsstack.spring.WsSessionRegistryTest.FakeSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The one fan-out that endpoint broadcasts and cluster deliveries share. */
class MessageFanOutTest {

    @Test
    @DisplayName("a text given only as UTF-8 bytes is decoded for sessions that encode for themselves, and shared frames are prepared once")
    void decodesTextOnlyForSessionsThatEncodeThemselves() throws Exception {
        FakeSession own1 = new FakeSession("a", "chat", FrameSharing.NONE);
        FakeSession own2 = new FakeSession("b", "chat", FrameSharing.NONE);
        FakeSession plain1 = new FakeSession("c", "chat", FrameSharing.PLAIN);
        FakeSession plain2 = new FakeSession("d", "chat", FrameSharing.PLAIN);
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode("grüße");
        int delivered = MessageFanOut.deliver(List.of(own1, own2, plain1, plain2), s -> true, true, utf8, null).get();
        assertThat(delivered).isEqualTo(4);
        assertThat(own1.texts).containsExactly("grüße");
        assertThat(own2.texts).containsExactly("grüße");
        assertThat(plain1.prepared).singleElement().isSameAs(plain2.prepared.get(0));
        assertThat(utf8.position()).as("the caller's buffer is read through duplicates").isZero();
    }

    @Test
    @DisplayName("closed, filtered-out and failed sends are not counted as delivered")
    void countsOnlySuccessfulSends() throws Exception {
        FakeSession ok = new FakeSession("a", "chat", FrameSharing.NONE);
        FakeSession closed = new FakeSession("b", "chat", FrameSharing.NONE);
        closed.open = false;
        FakeSession skipped = new FakeSession("c", "chat", FrameSharing.NONE);
        FakeSession failing = new FakeSession("d", "chat", FrameSharing.NONE) {
            @Override
            public CompletableFuture<Void> sendText(String text) {
                return CompletableFuture.failedFuture(new IllegalStateException("send buffer full"));
            }
        };
        int delivered = MessageFanOut.deliver(List.of(ok, closed, skipped, failing), s -> !s.id().equals("c"), true,
                StandardCharsets.UTF_8.encode("hi"), "hi").get();
        assertThat(delivered).isEqualTo(1);
        assertThat(closed.texts).isEmpty();
        assertThat(skipped.texts).isEmpty();
    }

    @Test
    @DisplayName("no recipients: completes at once with 0")
    void noRecipients() throws Exception {
        assertThat(MessageFanOut.deliver(List.of(), s -> true, false, ByteBuffer.allocate(1), null).get()).isZero();
    }
}
