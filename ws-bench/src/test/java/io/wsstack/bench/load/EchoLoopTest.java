package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a real (Netty) server on a free port that answers as soon as it holds
 * {@value #BATCH} messages of a connection, otherwise only after {@value #STRAGGLER_MILLIS} ms. It
 * counts the full batches: a client that kept fewer messages in flight could never fill one. And a
 * server that answers them out of order must be caught. (Rates are not asserted: other builds share
 * the machine.)
 */
class EchoLoopTest {

    private static final int BATCH = 4;
    private static final int STRAGGLER_MILLIS = 50;

    private final EventLoopGroup serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final LoadClient client = new LoadClient(1);
    private final AtomicInteger fullBatches = new AtomicInteger();

    @AfterEach
    void stop() {
        client.close();
        serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @Test
    @DisplayName("4 in flight: every echo of a server that answers in batches of 4, in order, is counted and none is wrong")
    void pipelinedEchoesVerified() throws Exception {
        Phase phase = runPhase(false);
        assertThat(phase.wrongEchoes()).isZero();
        assertThat(phase.lostConnections()).isZero();
        assertThat(phase.unfinishedConnections()).isZero();
    }

    @Test
    @DisplayName("echoes answered out of order are counted as wrong, although each is a message that was sent")
    void reorderedEchoesCaught() throws Exception {
        Phase phase = runPhase(true);
        assertThat(phase.wrongEchoes()).isPositive();
    }

    private Phase runPhase(boolean reverse) throws Exception {
        URI uri = start(reverse);
        List<EchoLoop> loops = client.connect(uri, 3, false);
        try {
            Phase phase = new Phase(PayloadSet.of(20), BATCH, loops.size(), 0, TimeUnit.MILLISECONDS.toNanos(300));
            for (int i = 0; i < loops.size(); i++) {
                loops.get(i).start(phase, i * 13);
            }
            assertThat(phase.awaitFinished(5_000)).isTrue();
            int samples = loops.stream().mapToInt(loop -> loop.samples().size()).sum();
            assertThat(samples).isPositive();
            assertThat(fullBatches).hasPositiveValue();
            return phase;
        } finally {
            LoadClient.close(loops);
        }
    }

    private URI start(boolean reverse) throws InterruptedException {
        Channel server = new ServerBootstrap()
                .group(serverGroup)
                .channel(NioServerSocketChannel.class)
                // As every real server does: without it, Nagle and delayed ACKs pace the batches at 40 ms.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler("/echo"), new BatchEcho(reverse));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/echo");
    }

    /**
     * Holds messages until it has {@value #BATCH} (or the oldest has waited {@value #STRAGGLER_MILLIS}
     * ms, so the last few of a phase come back too), then sends them all back, in order or reversed.
     */
    private final class BatchEcho extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        private final boolean reverse;
        private final List<TextWebSocketFrame> held = new ArrayList<>();

        BatchEcho(boolean reverse) {
            this.reverse = reverse;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            held.add(new TextWebSocketFrame(frame.content().retain()));
            if (held.size() == BATCH) {
                sendHeld(ctx);
            } else if (held.size() == 1) {
                ctx.executor().schedule(() -> sendHeld(ctx), STRAGGLER_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        private void sendHeld(ChannelHandlerContext ctx) {
            if (held.size() == BATCH) {
                fullBatches.incrementAndGet();
            }
            if (reverse) {
                Collections.reverse(held);
            }
            held.forEach(ctx::write);
            held.clear();
            ctx.flush();
        }
    }
}
