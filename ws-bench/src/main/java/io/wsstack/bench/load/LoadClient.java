package io.wsstack.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's connections, built on Netty's client codec so that no byte of the
 * measurement path runs through our engine. Handshakes are started a bounded number at a time, so
 * that opening 10,000 connections does not overflow the server's accept queue.
 */
final class LoadClient implements AutoCloseable {

    private static final int MAX_MESSAGE = 1 << 20;
    private static final int HANDSHAKES_IN_FLIGHT = 64;

    private final EventLoopGroup group;

    /** A client whose connections share {@code threads} event loop threads. */
    LoadClient(int threads) {
        this(threads, false);
    }

    /**
     * @param offerClientWindow whether deflate connections offer {@code client_max_window_bits}, as
     *                          browsers do, so a server may shrink the window it inflates with
     *                          (Netty then compresses through jzlib at the answered window)
     */
    LoadClient(int threads, boolean offerClientWindow) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.offerClientWindow = offerClientWindow;
    }

    private final boolean offerClientWindow;

    /**
     * Opens {@code count} WebSocket connections to {@code uri} and waits for all their handshakes.
     * With {@code deflate} each offers {@code permessage-deflate} (RFC 7692) and accepts either
     * context-takeover answer, since the servers differ there.
     *
     * @throws IllegalStateException if a connection fails or a server declines the extension
     */
    List<EchoLoop> connect(URI uri, int count, boolean deflate) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        Semaphore inFlight = new Semaphore(HANDSHAKES_IN_FLIGHT);
        List<CompletableFuture<EchoLoop>> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            EchoLoop loop = new EchoLoop();
            bootstrap.clone().handler(initializer(uri, deflate, offerClientWindow, loop)).connect(uri.getHost(), uri.getPort())
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            loop.handshake().completeExceptionally(f.cause());
                        }
                    });
            loop.handshake().whenComplete((ok, failure) -> inFlight.release());
            pending.add(loop.handshake());
        }
        List<EchoLoop> loops = new ArrayList<>(count);
        try {
            for (CompletableFuture<EchoLoop> future : pending) {
                loops.add(future.get(60, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            closeAll(pending);
            throw new IllegalStateException("could not open " + count + " connections to " + uri + ": " + e, e);
        }
        if (deflate && !loops.isEmpty() && !compressionNegotiated(loops.get(0).channel())) {
            closeAll(pending);
            throw new IllegalStateException(uri + " did not accept permessage-deflate");
        }
        return loops;
    }

    private static ChannelInitializer<SocketChannel> initializer(URI uri, boolean deflate, boolean offerClientWindow,
                                                                 EchoLoop loop) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .allowExtensions(deflate)
                .maxFramePayloadLength(MAX_MESSAGE)
                .handshakeTimeoutMillis(60_000)
                .build();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                ChannelPipeline pipeline = channel.pipeline();
                pipeline.addLast(new HttpClientCodec());
                pipeline.addLast(new HttpObjectAggregator(8192));
                if (deflate) {
                    // Level 1 keeps the generator's own compression cheap (servers use their default);
                    // no client_max_window_bits offer; accept client_no_context_takeover; do not ask
                    // for server_no_context_takeover.
                    pipeline.addLast(new WebSocketClientExtensionHandler(
                            new PerMessageDeflateClientExtensionHandshaker(1, offerClientWindow, 15, true, false,
                                    MAX_MESSAGE)));
                }
                pipeline.addLast(new WebSocketClientProtocolHandler(config));
                // Servers may fragment large messages (Tomcat does above its 8 KiB output buffer).
                pipeline.addLast(new WebSocketFrameAggregator(MAX_MESSAGE));
                pipeline.addLast(loop);
            }
        };
    }

    /** After the handshake Netty replaces the extension handler with the deflate encoder and decoder. */
    private static boolean compressionNegotiated(Channel channel) {
        return channel.pipeline().names().stream().anyMatch(name -> name.contains("PerMessageDeflate"));
    }

    private static void closeAll(List<CompletableFuture<EchoLoop>> pending) {
        for (CompletableFuture<EchoLoop> future : pending) {
            future.thenAccept(loop -> loop.channel().close());
        }
    }

    /**
     * Closes the connections (TCP close without a Close handshake) and waits for it, 5 s at most in
     * all (not per connection: a stuck event loop must not hold a run for thousands of times 5 s).
     */
    static void close(List<EchoLoop> loops) {
        List<io.netty.channel.ChannelFuture> closing = new ArrayList<>(loops.size());
        for (EchoLoop loop : loops) {
            closing.add(loop.channel().close());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (io.netty.channel.ChannelFuture future : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !future.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
