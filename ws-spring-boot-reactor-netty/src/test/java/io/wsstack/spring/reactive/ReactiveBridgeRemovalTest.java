package io.wsstack.spring.reactive;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the takeover Reactor Netty's bridge handler leaves the pipeline, but only once its channel
 * operations have let go of the connection (they finish the exchange through it), so an idle
 * WebSocket connection does not keep it. Reactor Netty's own classes on an embedded channel.
 */
class ReactiveBridgeRemovalTest {

    /** Channel operations whose end the test decides. */
    private static final class Operations extends ChannelOperations<reactor.netty.NettyInbound, reactor.netty.NettyOutbound> {
        Operations(Connection connection) {
            super(connection, ConnectionObserver.emptyListener());
        }

        void finish() {
            terminate();
        }
    }

    private static EmbeddedChannel channelWithBridge() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(NettyFrameTransport.HANDLER_NAME, new ChannelInboundHandlerAdapter());
        channel.pipeline().addLast(NettyPipeline.ReactiveBridge, new ChannelInboundHandlerAdapter());
        return channel;
    }

    /** Runs the embedded channel's loop (its tasks and due scheduled tasks) for about {@code millis}. */
    private static void runLoopFor(EmbeddedChannel channel, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        do {
            channel.runPendingTasks();
            channel.runScheduledPendingTasks();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (System.nanoTime() < end);
    }

    @Test
    @DisplayName("no operations bound any more: the bridge goes at once, our handler stays")
    void removedWhenNoOperations() {
        EmbeddedChannel channel = channelWithBridge();
        ReactorNettyUpgrade.removeBridgeOnceReleased(channel);
        assertThat(channel.pipeline().get(NettyPipeline.ReactiveBridge)).isNull();
        assertThat(channel.pipeline().get(NettyFrameTransport.HANDLER_NAME)).isNotNull();
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("operations still finishing the exchange: the bridge stays until they terminate, then goes")
    void removedOnceOperationsTerminate() {
        EmbeddedChannel channel = channelWithBridge();
        Operations operations = new Operations(Connection.from(channel));
        operations.bind();
        assertThat(ChannelOperations.get(channel)).isSameAs(operations);

        ReactorNettyUpgrade.removeBridgeOnceReleased(channel);
        runLoopFor(channel, 50);
        assertThat(channel.pipeline().get(NettyPipeline.ReactiveBridge)).isNotNull();

        operations.finish();
        assertThat(ChannelOperations.get(channel)).isNull();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (channel.pipeline().get(NettyPipeline.ReactiveBridge) != null && System.nanoTime() < deadline) {
            runLoopFor(channel, 10);
        }
        assertThat(channel.pipeline().get(NettyPipeline.ReactiveBridge)).isNull();
        assertThat(channel.closeFuture().isDone()).isFalse();
        assertThat(channel.pipeline().get(NettyFrameTransport.HANDLER_NAME)).isNotNull();
        channel.finishAndReleaseAll();
    }
}
