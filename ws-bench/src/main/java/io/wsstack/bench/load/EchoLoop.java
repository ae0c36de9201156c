package io.wsstack.bench.load;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CompletableFuture;

/**
 * The client end of one connection: completes {@link #handshake()} when the 101 arrives, then,
 * during a {@link Phase}, keeps the phase's number of messages in flight. Each echo is checked
 * against the message it answers (echoes come back in the order sent, so the oldest message in
 * flight is the one answered), timed, and replaced by the next message. Writes made while reading
 * a batch of echoes are flushed once at the end of the batch, as a real pipelining client does.
 * Everything but {@link #start} runs on the connection's event loop thread, so nothing is locked.
 */
final class EchoLoop extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final CompletableFuture<EchoLoop> handshake = new CompletableFuture<>();
    private final LatencySamples samples = new LatencySamples();
    private Channel channel;
    private Phase phase;
    /** Ring of the messages in flight, oldest at {@link #head}: when each was written, and which it was. */
    private long[] sentAt = new long[1];
    private int[] sentIndex = new int[1];
    private int head;
    private int outstanding;
    private int nextIndex;
    private boolean flushPending;

    CompletableFuture<EchoLoop> handshake() {
        return handshake;
    }

    Channel channel() {
        return channel;
    }

    /** Samples of the last phase; read only after the phase has finished. */
    LatencySamples samples() {
        return samples;
    }

    /**
     * Begins {@code next} on the event loop, walking the phase's messages from {@code firstIndex}
     * (connections start at different points, so neighbours do not send the same bytes), or, when the
     * phase before sent the same messages, from where that one stopped: restarting would resend the
     * messages just sent, which a compressor with context takeover still holds in its window.
     */
    void start(Phase next, int firstIndex) {
        channel.eventLoop().execute(() -> {
            boolean resume = next.sameMessages(phase);
            phase = next;
            samples.clear();
            if (sentAt.length != next.inFlight) {
                sentAt = new long[next.inFlight];
                sentIndex = new int[next.inFlight];
            }
            head = 0;
            outstanding = 0;
            if (!resume) {
                nextIndex = firstIndex;
            }
            if (!channel.isActive()) {
                finish(true);
                return;
            }
            for (int i = 0; i < next.inFlight; i++) {
                send();
            }
            channel.flush();
        });
    }

    private void send() {
        int slot = (head + outstanding) % sentAt.length;
        sentIndex[slot] = nextIndex;
        sentAt[slot] = System.nanoTime();
        outstanding++;
        channel.write(phase.frame(nextIndex++));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        long now = System.nanoTime();
        Phase current = phase;
        if (current == null) {
            return;
        }
        if (outstanding == 0) {
            current.wrongEcho(); // an echo of nothing we sent
            return;
        }
        int slot = head;
        head = (head + 1) % sentAt.length;
        outstanding--;
        if (!ByteBufUtil.equals(current.payload(sentIndex[slot]), frame.content())) {
            current.wrongEcho();
        }
        if (now >= current.measureStart && now < current.measureEnd) {
            samples.add(now - sentAt[slot]);
        }
        if (now < current.measureEnd) {
            send();
            flushPending = true;
        } else if (outstanding == 0) {
            finish(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    private void finish(boolean lost) {
        Phase current = phase;
        phase = null;
        if (current != null) {
            current.connectionFinished(lost);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            handshake.complete(this);
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            handshake.completeExceptionally(new IllegalStateException("handshake timed out"));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handshake.completeExceptionally(new IllegalStateException("closed before the handshake completed"));
        finish(true);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        handshake.completeExceptionally(cause);
        ctx.close();
    }
}
