package io.wsstack.bench.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * Peer: Netty's {@code websocketx} server over NIO (the same selector the JDK gives everyone else),
 * echoing text and binary frames; {@link WebSocketServerCompressionHandler} accepts
 * permessage-deflate when offered.
 *
 * <p>Written the way someone who knows Netty writes a fast server, so that "Netty's speed" in the
 * harness is Netty's and not a handicap of ours: the echo writes the received frame itself back in
 * {@code channelRead} (no new frame, no retain/release pair) and flushes once per read batch in
 * {@code channelReadComplete}, so the frames one socket read decoded leave in one gathering write.
 * Everything else is Netty's default: the pooled allocator Netty picks, twice as many event loops as
 * cores, UTF-8 validation of text frames on (every server in the harness validates). The
 * {@link HttpObjectAggregator} and the HTTP codec leave the pipeline when the handshake completes
 * (Netty's handshaker removes them), so frames pass only the WebSocket decoder, encoder and
 * protocol handler.
 */
public final class NettyEchoServer {

    private NettyEchoServer() {
    }

    /** Starts the server on the port given in {@code args} and blocks. */
    public static void main(String[] args) throws Exception {
        ServerArgs options = ServerArgs.parse(args);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(ServerArgs.PATH)
                .allowExtensions(true)
                .maxFramePayloadLength(ServerArgs.MAX_MESSAGE)
                .build();
        ChannelHandler echo = new Echo();
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            ChannelPipeline pipeline = channel.pipeline();
                            pipeline.addLast(new HttpServerCodec());
                            pipeline.addLast(new HttpObjectAggregator(8192));
                            pipeline.addLast(new WebSocketServerCompressionHandler(ServerArgs.MAX_MESSAGE));
                            pipeline.addLast(new WebSocketServerProtocolHandler(config));
                            pipeline.addLast(echo);
                        }
                    });
            bootstrap.bind("127.0.0.1", options.port()).sync();
            AdminPort.open(options.adminPort());
            Thread.currentThread().join();
        } finally {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }

    /**
     * Writes each data frame back as it came (type, fragmentation and payload buffer unchanged) and
     * flushes once when the read batch is done.
     */
    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                    || msg instanceof ContinuationWebSocketFrame) {
                // The frame's reference passes to the write; the encoder releases it.
                ctx.write(msg, ctx.voidPromise());
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
