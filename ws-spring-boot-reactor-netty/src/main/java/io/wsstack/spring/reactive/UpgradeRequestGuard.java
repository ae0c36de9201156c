package io.wsstack.spring.reactive;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.wsstack.core.handshake.HttpHeaders;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * Keeps the bytes a client sends right behind its upgrade request from Reactor Netty's HTTP
 * decoder. A client may write its first frames in the same packet as the request head (RFC 6455
 * §4.1 says it should wait for the 101, but nothing stops it); the decoder would go on to parse
 * them as the next HTTP request, skipping and discarding bytes, long before the WebFlux filter
 * chain (which may finish on another thread, after authentication) accepts the handshake.
 *
 * <p>Installed right behind Reactor Netty's HTTP/1.1 codec on every connection, it looks only at
 * decoded request heads. For a WebSocket upgrade request to one of our endpoint paths, without a
 * body, it removes the codec's decoder at once, while the decoder is still handing out that
 * request: Netty's {@code ByteToMessageDecoder} then passes the bytes it has not decoded on as they
 * are, and this handler keeps them (auto-read off, read requests held back) until
 * {@link ReactorNettyUpgrade} gives them to the session. If the handshake is refused instead, the
 * response goes out through the codec's encoder and the connection closes after it: it has no
 * HTTP decoder any more. Netty's own {@code HttpServerUpgradeHandler} removes the decoder the same
 * way; {@code CombinedChannelDuplexHandler.removeInboundHandler} is public Netty API.
 */
public final class UpgradeRequestGuard extends ChannelDuplexHandler {

    /** This handler's name in the channel pipeline. */
    static final String NAME = "wsstack.upgradeGuard";

    /** Most bytes kept for the session before it took over; a client that sends more before the 101 is cut off. */
    static final int MAX_HELD_BYTES = 64 * 1024;

    private final Predicate<String> endpointPath;
    private int heldBytes;
    /** Raw bytes behind the upgrade request head; event loop only. */
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    /** The decoder was removed for an upgrade request; event loop only. */
    private boolean decoderRemoved;

    /** @param endpointPath whether a request path (without query) belongs to one of our endpoints */
    UpgradeRequestGuard(Predicate<String> endpointPath) {
        this.endpointPath = endpointPath;
    }

    /**
     * Installs a guard behind the HTTP/1.1 codec of every connection {@code server} accepts
     * (connections without that codec, such as HTTP/2 ones, are left alone).
     *
     * @param endpointPath whether a request path (without query) belongs to one of our endpoints
     */
    public static HttpServer installOn(HttpServer server, Predicate<String> endpointPath) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new UpgradeRequestGuard(endpointPath));
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf raw) {
            // Undecoded bytes: only ever reach this handler once the decoder in front of it is gone.
            heldBytes += raw.readableBytes();
            held.add(raw);
            if (heldBytes > MAX_HELD_BYTES) {
                // Far more than a client that jumped the 101 with its first frames would send: not kept without bound.
                release();
                ctx.close();
            }
            return;
        }
        if (msg instanceof HttpRequest request && !decoderRemoved && isOurUpgrade(request)) {
            ChannelHandler codec = ctx.pipeline().get(NettyPipeline.HttpCodec);
            if (codec instanceof CombinedChannelDuplexHandler<?, ?> combined) {
                ctx.channel().config().setAutoRead(false);
                decoderRemoved = true;
                // Fires the decoder's undecoded bytes into this handler (held above) before it returns.
                combined.removeInboundHandler();
            }
        }
        ctx.fireChannelRead(msg);
    }

    private boolean isOurUpgrade(HttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade == null || !HttpHeaders.listContainsToken(upgrade, "websocket")) {
            return false;
        }
        if (request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return false; // refused for its body; the decoder stays to read it
        }
        String length = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && !length.trim().equals("0")) {
            return false;
        }
        return endpointPath.test(path(request.uri()));
    }

    /** The path of a request target: origin form ({@code /a?b}) or absolute form ({@code http://h/a?b}). */
    static String path(String target) {
        int start = 0;
        int scheme = target.indexOf("://");
        if (scheme > 0 && target.indexOf('/') > scheme) {
            int slash = target.indexOf('/', scheme + 3);
            if (slash < 0) {
                return "/";
            }
            start = slash;
        }
        int query = target.indexOf('?', start);
        return query < 0 ? target.substring(start) : target.substring(start, query);
    }

    /** Read requests wait while the decoder is gone: only the session asks for bytes once it took over. */
    @Override
    public void read(ChannelHandlerContext ctx) {
        if (!decoderRemoved) {
            ctx.read();
        }
    }

    /**
     * A response written while the decoder is gone refuses the upgrade: it is the connection's
     * last, since nothing could read another request.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!decoderRemoved) {
            ctx.write(msg, promise);
            return;
        }
        if (msg instanceof HttpResponse response) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (msg instanceof LastHttpContent) {
            ctx.write(msg, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.write(msg, promise);
        }
    }

    /** Hands the kept bytes to the session's transport; event loop only. */
    void handOver(NettyFrameTransport transport) {
        ByteBuf buffer;
        while ((buffer = held.poll()) != null) {
            transport.holdEarly(buffer);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    private void release() {
        heldBytes = 0;
        ByteBuf buffer;
        while ((buffer = held.poll()) != null) {
            buffer.release();
        }
    }
}
