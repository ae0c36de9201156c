package io.wsstack.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CompletableFuture;

/**
 * The client end of one connection: completes {@link #handshake()} when the 101 arrives, then,
 * during a {@link Phase}, sends a message, times its echo and sends the next one. Everything but
 * {@link #start} runs on the connection's event loop thread, so the samples need no locking.
 */
final class EchoLoop extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final CompletableFuture<EchoLoop> handshake = new CompletableFuture<>();
    private final LatencySamples samples = new LatencySamples();
    private Channel channel;
    private Phase phase;
    private long sentAt;

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

    /** Begins the closed loop of {@code next} on the event loop. */
    void start(Phase next) {
        channel.eventLoop().execute(() -> {
            phase = next;
            samples.clear();
            if (channel.isActive()) {
                send();
            } else {
                finish(true);
            }
        });
    }

    private void send() {
        sentAt = System.nanoTime();
        channel.writeAndFlush(phase.frame());
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
        if (frame.content().readableBytes() != current.messageSize) {
            current.wrongEcho();
        }
        if (now >= current.measureStart && now < current.measureEnd) {
            samples.add(now - sentAt);
        }
        if (now < current.measureEnd) {
            send();
        } else {
            finish(false);
        }
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
