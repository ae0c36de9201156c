package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_BINARY;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CONTINUATION;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsstack.core.internal.frame.FrameEncoder;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Size and count limits (RFC 6455 §10.4 asks endpoints to bound what they buffer; close code 1009 of §7.4.1). */
class LimitsTest {

    private static TestPeer server(int maxFrame, long maxMessage, int maxFragments) {
        return TestPeer.server(ConnectionSettings.builder()
                .maxFrameSize(maxFrame).maxMessageSize(maxMessage).maxFragments(maxFragments).build());
    }

    /** Only the header of a masked binary frame declaring {@code length} bytes. */
    private static byte[] headerOnly(long length) {
        byte[] header = new byte[14];
        int n = FrameEncoder.writeHeader(header, true, 0, OPCODE_BINARY, length, true, TestPeer.KEY);
        return java.util.Arrays.copyOf(header, n);
    }

    @Test
    @DisplayName("RFC 6455 §10.4: a frame of exactly maxFrameSize bytes is accepted")
    void frameAtLimit() {
        TestPeer server = server(1000, 10_000, 10);
        server.receiveFrame(true, OPCODE_BINARY, new byte[1000]);
        assertThat(server.listener.events).containsExactly("binary:" + "00".repeat(1000));
    }

    @Test
    @DisplayName("RFC 6455 §10.4: a frame header declaring maxFrameSize + 1 → 1009 before any payload byte")
    void frameOverLimitFromHeader() {
        TestPeer server = server(1000, 10_000, 10);
        server.receive(headerOnly(1001));
        assertThat(server.errorCloseCode()).isEqualTo(1009);
    }

    @Test
    @DisplayName("RFC 6455 §10.4: a declared length of 1 GiB → 1009 without allocating it")
    void hugeDeclaredLength() {
        TestPeer server = TestPeer.server();
        server.receive(headerOnly(1L << 30));
        assertThat(server.errorCloseCode()).isEqualTo(1009);
    }

    @Test
    @DisplayName("RFC 6455 §5.2: the largest 63-bit length → 1009 from the header")
    void largestLegalLength() {
        TestPeer server = TestPeer.server();
        server.receive(headerOnly(Long.MAX_VALUE));
        assertThat(server.errorCloseCode()).isEqualTo(1009);
    }

    @Test
    @DisplayName("RFC 6455 §10.4: a message of exactly maxMessageSize bytes over three fragments is accepted")
    void messageAtLimit() {
        TestPeer server = server(1000, 2500, 10);
        server.receiveFrame(false, OPCODE_BINARY, new byte[1000]);
        server.receiveFrame(false, OPCODE_CONTINUATION, new byte[1000]);
        server.receiveFrame(true, OPCODE_CONTINUATION, new byte[500]);
        assertThat(server.listener.events).containsExactly("binary:" + "00".repeat(2500));
    }

    @Test
    @DisplayName("RFC 6455 §10.4: maxMessageSize + 1 across fragments → 1009 from the last header")
    void messageOverLimit() {
        TestPeer server = server(1000, 2500, 10);
        server.receiveFrame(false, OPCODE_BINARY, new byte[1000]);
        server.receiveFrame(false, OPCODE_CONTINUATION, new byte[1000]);
        byte[] last = server.frameFromPeer(true, 0, OPCODE_CONTINUATION, new byte[501]);
        server.receive(java.util.Arrays.copyOf(last, FrameEncoder.headerLength(501, true)));
        assertThat(server.errorCloseCode()).isEqualTo(1009);
        assertThat(server.listener.events).containsExactly("error:1009");
    }

    @Test
    @DisplayName("RFC 6455 §10.4: a text message over maxMessageSize → 1009")
    void textMessageOverLimit() {
        TestPeer server = server(100, 150, 10);
        server.receiveFrame(false, OPCODE_TEXT, "a".repeat(100).getBytes());
        server.receiveFrame(true, OPCODE_CONTINUATION, "a".repeat(51).getBytes());
        assertThat(server.errorCloseCode()).isEqualTo(1009);
    }

    @Test
    @DisplayName("RFC 6455 §5.4: exactly maxFragments frames per message are accepted")
    void fragmentsAtLimit() {
        TestPeer server = server(1000, 1000, 3);
        server.receiveFrame(false, OPCODE_TEXT, "a".getBytes());
        server.receiveFrame(false, OPCODE_CONTINUATION, "b".getBytes());
        server.receiveFrame(true, OPCODE_CONTINUATION, "c".getBytes());
        assertThat(server.listener.events).containsExactly("text:abc");
    }

    @Test
    @DisplayName("RFC 6455 §5.4: endless 1-byte continuations → 1009 at maxFragments + 1")
    void fragmentsOverLimit() {
        TestPeer server = server(1000, 1000, 3);
        server.receiveFrame(false, OPCODE_TEXT, "a".getBytes());
        server.receiveFrame(false, OPCODE_CONTINUATION, "b".getBytes());
        server.receiveFrame(false, OPCODE_CONTINUATION, "c".getBytes());
        server.receiveFrame(false, OPCODE_CONTINUATION, "d".getBytes());
        assertThat(server.errorCloseCode()).isEqualTo(1009);
    }

    @Test
    @DisplayName("RFC 6455 §5.4: the fragment count restarts with each message")
    void fragmentsCountedPerMessage() {
        TestPeer server = server(1000, 1000, 2);
        for (int i = 0; i < 3; i++) {
            server.receiveFrame(false, OPCODE_BINARY, new byte[] {1});
            server.receiveFrame(true, OPCODE_CONTINUATION, new byte[] {2});
        }
        assertThat(server.listener.events).containsExactly("binary:0102", "binary:0102", "binary:0102");
    }

    @Test
    @DisplayName("Settings: limits must be positive")
    void settingsValidation() {
        assertThatThrownBy(() -> ConnectionSettings.builder().maxFrameSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionSettings.builder().maxMessageSize(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionSettings.builder().maxFragments(0)).isInstanceOf(IllegalArgumentException.class);
        ConnectionSettings s = ConnectionSettings.builder().maxFrameSize(5).streaming(true).autoPong(false).build();
        assertThat(s.toBuilder().build().toString()).isEqualTo(s.toString());
        assertThat(ConnectionSettings.DEFAULTS.maxFrameSize()).isEqualTo(1 << 20);
        assertThat(ConnectionSettings.DEFAULTS.maxMessageSize()).isEqualTo(1 << 20);
        assertThat(ConnectionSettings.DEFAULTS.maxFragments()).isEqualTo(4096);
        assertThat(ConnectionSettings.DEFAULTS.autoPong()).isTrue();
        assertThat(ConnectionSettings.DEFAULTS.streaming()).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §10.4: the assembly buffer grows with arriving data, not with the declared length")
    void bufferGrowsWithData() {
        TestPeer server = server(1 << 20, 1 << 20, 10);
        byte[] frame = server.frameFromPeer(false, 0, OPCODE_BINARY, new byte[1 << 20]);
        // Header (2 + 8 + 4) plus 10 payload bytes: the message must hold only what arrived.
        server.connection.receive(ByteBuffer.wrap(frame, 0, 24));
        assertThat(server.listener.events).isEmpty();
        assertThat(server.listener.error).isNull();
    }

    @Test
    @DisplayName("RFC 6455 §10.4: a 1 GiB declared length is refused with a bounded allocation")
    void hugeDeclaredLengthAllocatesLittle() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot count allocations");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        byte[] header = headerOnly(1L << 30);
        TestPeer.server().receive(header.clone()); // warm up: class loading allocates too
        TestPeer server = TestPeer.server();
        long tid = Thread.currentThread().getId();
        long before = counter.getThreadAllocatedBytes(tid);
        server.receive(header);
        long allocated = counter.getThreadAllocatedBytes(tid) - before;
        assertThat(server.errorCloseCode()).isEqualTo(1009);
        // Far below the declared gigabyte: only the error, the Close frame and the test's own records.
        assertThat(allocated).isLessThan(1024 * 1024);
    }
}
