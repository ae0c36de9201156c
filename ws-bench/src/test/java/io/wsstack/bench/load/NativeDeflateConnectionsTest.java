package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native load generator's permessage-deflate (RFC 7692) against a real server: Netty's
 * websocketx with its compression handler, on a free port. Needs gcc and zlib's headers to build
 * {@code wsload}, as {@code scripts/bench.sh} does; where they are missing the benchmark falls back to
 * Netty's client and so do these tests (skipped, with the reason).
 */
class NativeDeflateConnectionsTest {

    @TempDir
    static Path dir;
    private static Path wsload;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @BeforeAll
    static void build() throws Exception {
        Path source = Path.of("src/main/c/wsload.c").toAbsolutePath();
        wsload = dir.resolve("wsload");
        int rc;
        try {
            Process gcc = new ProcessBuilder("gcc", "-O2", "-DHAVE_ZLIB", "-o", wsload.toString(), source.toString(),
                    "-lm", "-lz").redirectErrorStream(true).start();
            gcc.getInputStream().transferTo(System.out);
            rc = gcc.waitFor();
        } catch (IOException e) {
            rc = -1;
        }
        assumeTrue(rc == 0, "gcc with zlib's headers (zlib1g-dev) is needed to build wsload with permessage-deflate");
    }

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @Test
    @DisplayName("RFC 7692 §7.2: wsload compresses with context takeover, inflates every echo and counts them compressed on the wire")
    void compressedEchoesVerified() throws Exception {
        assertThat(NativeConnections.speaksDeflate(wsload)).isTrue();
        EchoConnections.Wire wire = compressedEchoes(server(true));
        assertThat(wire.ratio()).isLessThan(0.6);
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: with client_max_window_bits=9 answered, wsload compresses within 512-byte windows (memory level 3) and every echo still matches")
    void smallClientWindowAnswered() throws Exception {
        // Netty answers the offer with client_max_window_bits=9, so wsload sets its deflater up with 9 bits
        // and memory level 3 (a failed set-up fails the opening). The server inflates what wsload sent and
        // echoes the text; wsload compares every echo byte for byte with the message it sent.
        compressedEchoes(server(() -> new WebSocketServerExtensionHandler(
                new PerMessageDeflateServerExtensionHandshaker(6, false, 9, false, false))));
    }

    /**
     * Half a second of echoes on 4 compressed connections to {@code uri}: none wrong, none lost, every
     * echo compressed on the wire; returns what the wire carried.
     */
    private static EchoConnections.Wire compressedEchoes(URI uri) throws Exception {
        try (NativeConnections connections = NativeConnections.open(wsload, uri, 4, dir, true)) {
            EchoConnections.Outcome outcome = connections.run(messages(), 1, 1, 0, TimeUnit.MILLISECONDS.toNanos(500),
                    EchoConnections.UNMEASURED);
            assertThat(outcome.wrongEchoes()).isZero();
            assertThat(outcome.lostConnections()).isZero();
            assertThat(outcome.messages()).isPositive();
            EchoConnections.Wire wire = outcome.wire();
            assertThat(wire.echoes()).isPositive();
            assertThat(wire.compressedEchoes()).isEqualTo(wire.echoes());
            return wire;
        }
    }

    @Test
    @DisplayName("RFC 7692 §5: a server that does not answer permessage-deflate fails the opening instead of being measured uncompressed")
    void declinedCompressionFails() throws Exception {
        URI uri = server(false);
        assertThatThrownBy(() -> NativeConnections.open(wsload, uri, 2, dir, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not accept permessage-deflate");
    }

    @Test
    @DisplayName("RFC 6455 §5.6: without the offer, echoes are plain frames and count as uncompressed on the wire")
    void plainConnectionsUnchanged() throws Exception {
        URI uri = server(true);
        try (NativeConnections connections = NativeConnections.open(wsload, uri, 2, dir)) {
            EchoConnections.Outcome outcome = connections.run(messages(), 2, 1, 0, TimeUnit.MILLISECONDS.toNanos(300),
                    EchoConnections.UNMEASURED);
            assertThat(outcome.wrongEchoes()).isZero();
            assertThat(outcome.lostConnections()).isZero();
            assertThat(outcome.wire().compressedEchoes()).isZero();
            assertThat(outcome.wire().ratio()).isEqualTo(1.0);
        }
    }

    /** 16 JSON-like texts of about 1 KiB that share most of their words. */
    private static PayloadSet messages() {
        List<ByteBuf> messages = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 0; text.length() < 1000; k++) {
                text.append("{\"id\":").append(i * 1000 + k * 7).append(",\"type\":\"quote\",\"bid\":1.0").append(k % 10)
                        .append("}\n");
            }
            messages.add(Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(
                    text.toString().getBytes(StandardCharsets.US_ASCII))));
        }
        return PayloadSet.of(messages);
    }

    /** A Netty echo server on a free port, negotiating permessage-deflate with its defaults or not. */
    private URI server(boolean compression) throws InterruptedException {
        return server(compression ? () -> new WebSocketServerCompressionHandler(1 << 20) : null);
    }

    /** A Netty echo server on a free port with {@code compression}'s handler in its pipeline (none for null). */
    private URI server(Supplier<ChannelHandler> compression) throws InterruptedException {
        Channel channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536));
                        if (compression != null) {
                            ch.pipeline().addLast(compression.get());
                        }
                        ch.pipeline().addLast(new WebSocketServerProtocolHandler("/echo", null, true));
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                ctx.writeAndFlush(new TextWebSocketFrame(frame.content().retain()));
                            }
                        });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        return URI.create("ws://127.0.0.1:" + port + "/echo");
    }
}
