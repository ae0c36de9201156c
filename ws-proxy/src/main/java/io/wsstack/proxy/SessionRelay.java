package io.wsstack.proxy;

import io.wsstack.client.SendBufferFullException;
import io.wsstack.client.WsClientSession;
import io.wsstack.core.CloseCodes;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Joins one client session and its upstream session. Messages are whole on each hop (each hop
 * reassembles fragments, answers pings and compresses on its own: extensions are hop-by-hop,
 * RFC 6455 §9) and keep their order and type. Each direction goes through a {@link FlowControl}, so
 * the thread delivering from one peer waits while the other peer's send buffer is half full.
 *
 * <p>Closing follows RFC 6455 §7.4 per hop: the upstream's close code reaches the client unchanged
 * (1000 for a Close without a code), and the client's reaches the upstream. An upstream that breaks
 * the protocol gives the client 1014 (bad gateway); an upstream connection lost without a Close, or
 * one that took nothing for the whole send timeout, gives 1011; a client lost without a Close gives
 * the upstream 1001 (going away).
 */
final class SessionRelay implements UpstreamLeg.Relay {

    private static final Log log = LogFactory.getLog(SessionRelay.class);

    private final WsSession client;
    private final WsClientSession upstream;
    private final FlowControl toClient;
    private final FlowControl toUpstream;

    SessionRelay(WsSession client, WsClientSession upstream, ProxyRoute route) {
        this.client = client;
        this.upstream = upstream;
        this.toClient = new FlowControl(route.settings().maxSendBuffer(), route.sendTimeout());
        this.toUpstream = new FlowControl(route.settings().maxSendBuffer(), route.sendTimeout());
    }

    // ---- client → upstream (container thread: while it waits, the client's bytes stay unread) ----

    void fromClient(String text) {
        // The upstream client counts UTF-8 bytes against its send buffer, so measure the same way.
        toUpstream(utf8Length(text), () -> upstream.sendText(text));
    }

    void fromClient(ByteBuffer data) {
        toUpstream(data.remaining(), () -> upstream.sendBinary(data));
    }

    private void toUpstream(long size, Supplier<CompletableFuture<Void>> send) {
        try {
            toUpstream.send(size, send).exceptionally(error -> {
                if (error instanceof SendBufferFullException || error.getCause() instanceof SendBufferFullException) {
                    upstream.abort();
                }
                return null;
            });
        } catch (SendBufferFullException e) {
            upstream.abort();
        } catch (IllegalStateException e) {
            log.debug("A message from the client arrived after the upstream hop closed; dropped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The UTF-8 size of a string without encoding it: 1 to 3 bytes per char, 4 per surrogate pair, and
     * 1 for an unpaired surrogate, which the encoder replaces with {@code '?'}.
     */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The client session ended: the upstream hop is closed with the client's code. */
    void clientClosed(WsCloseStatus status) {
        int code = switch (status.code()) {
            case CloseCodes.NO_STATUS_RECEIVED -> CloseCodes.NORMAL_CLOSURE;
            case CloseCodes.ABNORMAL_CLOSURE -> CloseCodes.GOING_AWAY;
            default -> CloseCodes.isValidOnWire(status.code()) ? status.code() : CloseCodes.GOING_AWAY;
        };
        if (upstream.isOpen()) {
            upstream.close(code, code == status.code() ? status.reason() : "");
        }
    }

    // ---- upstream → client (upstream reader thread: while it waits, the upstream's bytes stay unread) ----

    @Override
    public void onText(String text) {
        toClient(text.length(), () -> client.sendText(text));
    }

    @Override
    public void onBinary(ByteBuffer data) {
        toClient(data.remaining(), () -> client.sendBinary(data));
    }

    private void toClient(long size, Supplier<CompletableFuture<Void>> send) {
        if (!client.isOpen()) {
            return;
        }
        try {
            toClient.send(size, send);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onUpstreamClosed(int code, String reason, boolean protocolError) {
        int clientCode;
        if (protocolError) {
            clientCode = CloseCodes.BAD_GATEWAY;
        } else if (code == CloseCodes.NO_STATUS_RECEIVED) {
            clientCode = CloseCodes.NORMAL_CLOSURE;
        } else if (CloseCodes.isValidOnWire(code)) {
            clientCode = code;
        } else {
            clientCode = CloseCodes.INTERNAL_ERROR;
        }
        if (log.isDebugEnabled()) {
            log.debug("Upstream of session " + client.id() + " ended with " + code + "; closing the client with " + clientCode);
        }
        if (client.isOpen()) {
            client.close(new WsCloseStatus(clientCode, clientCode == code ? reason : ""));
        }
    }
}
