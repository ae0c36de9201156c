package io.wsstack.client;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.wsstack.client.RecordingListener.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader waits on a small array of its own and borrows a pooled 16 KiB buffer only for the bytes
 * behind a full wait: a quiet session holds no read buffer, and messages of every size around the
 * two buffers' edges still arrive whole and in order, over plain TCP and TLS.
 */
class SessionReadBufferTest {

    /** Sizes on both sides of the wait array, the pooled buffer and several of them. */
    private static final int[] SIZES = {0, 1, 125, SessionReader.WAIT_BYTES - 1, SessionReader.WAIT_BYTES,
            SessionReader.WAIT_BYTES + 1, 4096, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000, 300_000};


    private static void echoing(Socket socket) throws Exception {
        new RawServer.Peer(socket, null).echoUntilClose();
    }

    @Test
    @DisplayName("binary and text messages of every size arrive whole and in order, sent one by one and back to back")
    void everySizeArrivesWhole() throws Exception {
        try (RawServer server = new RawServer(SessionReadBufferTest::echoing);
                WsClient client = WsClient.builder().noCompression().build()) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = client.connect(server.uri("/"), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
            Random random = new Random(6455);
            for (int size : SIZES) {
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                session.sendBinary(payload);
                assertThat(listener.nextBinary()).as("%d bytes", size).isEqualTo(payload);
            }
            // Back to back, so that the server's echoes share reads and split across buffers anywhere.
            for (int size : SIZES) {
                session.sendText("x".repeat(size));
            }
            for (int size : SIZES) {
                assertThat(listener.nextText()).as("%d chars", size).hasSize(size).isEqualTo("x".repeat(size));
            }
            assertIdleSessionHoldsNoReadBuffer(session);
            session.close().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("over TLS, where a read returns at most one record, large texts arrive whole too")
    void tlsRecordsArriveWhole() throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start();
                WsClient client = WsClient.builder().noCompression().sslContext(server.clientContext()).build()) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = client.connect(server.uri("/"), listener)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            for (int size : SIZES) {
                String text = "tls".repeat(size / 3 + 1).substring(0, size);
                session.sendText(text);
                assertThat(listener.nextText()).as("%d chars", size).isEqualTo(text);
            }
            assertIdleSessionHoldsNoReadBuffer(session);
            session.close().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * The listener runs on the reader thread, inside the read that delivered the message, so the
     * buffer may still be out for a moment after the last message was seen; it must come back while
     * the session waits for more.
     */
    private static void assertIdleSessionHoldsNoReadBuffer(WsClientSession session) throws InterruptedException {
        SocketSession socketSession = (SocketSession) session;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (socketSession.holdsReadBuffer() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(socketSession.holdsReadBuffer()).as("an idle session's borrowed read buffer").isFalse();
        assertThat(session.isOpen()).isTrue();
    }
}
