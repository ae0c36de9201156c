package io.wsstack.conformance.client;

import io.wsstack.client.WsClient;
import io.wsstack.client.WsClientListener;
import io.wsstack.client.WsClientSession;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.deflate.DeflateOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives {@link WsClient}, the client with real I/O (its own reader and writer threads), against a
 * {@link ScriptedServer}, recording what its listener hears until it fails the connection, the
 * server closes, or enough has been delivered.
 */
final class WsClientRun implements ClientUnderTest {

    @Override
    public String toString() {
        return "ws-client";
    }

    @Override
    public Outcome run(int port, DeflateOptions deflate, int wanted) throws IOException, InterruptedException {
        List<Received> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        int[] failure = {0};
        AtomicBoolean closingByUs = new AtomicBoolean();
        WsClientListener listener = new WsClientListener() {
            @Override
            public void onText(WsClientSession s, String text) {
                add(new Received(Received.Kind.TEXT, text.getBytes(StandardCharsets.UTF_8), 0));
            }

            @Override
            public void onBinary(WsClientSession s, ByteBuffer data) {
                add(new Received(Received.Kind.BINARY, bytes(data), 0));
            }

            @Override
            public void onPing(WsClientSession s, ByteBuffer payload) {
                add(new Received(Received.Kind.PING, bytes(payload), 0));
            }

            @Override
            public void onPong(WsClientSession s, ByteBuffer payload) {
                add(new Received(Received.Kind.PONG, bytes(payload), 0));
            }

            @Override
            public void onError(WsClientSession s, Throwable error) {
                if (error instanceof WebSocketProtocolException violation) {
                    failure[0] = violation.closeCode();
                }
            }

            @Override
            public void onClose(WsClientSession s, int code, String reason) {
                if (failure[0] == 0 && code != 1006 && !closingByUs.get()) {
                    received.add(new Received(Received.Kind.CLOSE, new byte[0], code));
                }
                done.complete(code);
            }

            private void add(Received r) {
                received.add(r);
                if (received.size() >= wanted) {
                    done.complete(0);
                }
            }
        };
        WsClient.Builder builder = WsClient.builder();
        if (deflate != null) {
            builder.permessageDeflate(deflate);
        } else {
            builder.noCompression();
        }
        try (WsClient client = builder.build()) {
            WsClientSession session = client.connect(URI.create("ws://127.0.0.1:" + port + "/"), listener)
                    .get(10, TimeUnit.SECONDS);
            done.get(10, TimeUnit.SECONDS);
            if (session.isOpen()) {
                // A graceful close, so that replies still queued (a pong) are written before it.
                closingByUs.set(true);
                session.close(1000, "done").get(10, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("ws-client run did not finish", e);
        }
        return new Outcome(List.copyOf(received), failure[0]);
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return copy;
    }
}
