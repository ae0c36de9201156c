package io.wsstack.bench.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;

/**
 * Peer: Netty's {@code websocketx} server over NIO (the same selector the JDK gives everyone else),
 * echoing text and binary frames; {@link WebSocketServerCompressionHandler} accepts
 * permessage-deflate when offered. One event loop thread per core, Netty's default.
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

    /** Writes each data frame's payload back in a new frame of the same type. */
    @ChannelHandler.Sharable
    static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            WebSocketFrame reply;
            if (frame instanceof TextWebSocketFrame) {
                reply = new TextWebSocketFrame(true, 0, frame.content().retain());
            } else if (frame instanceof BinaryWebSocketFrame) {
                reply = new BinaryWebSocketFrame(true, 0, frame.content().retain());
            } else {
                return;
            }
            ctx.writeAndFlush(reply).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
