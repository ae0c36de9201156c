package io.wsstack.spring.reactive;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.wsstack.spring.servlet.SessionSetup;
import io.wsstack.spring.servlet.TransportSessions;
import io.wsstack.spring.transport.HandlerDispatcher;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Switches an accepted handshake's connection from Reactor Netty's HTTP handling to a
 * {@link NettyFrameTransport}.
 *
 * <p><b>Beyond Reactor Netty's public API, and why.</b> Reactor Netty's own WebSocket upgrade
 * ({@code HttpServerResponse.sendWebsocket}) performs Netty's handshake and installs Netty's frame
 * codec and its own permessage-deflate; our engine must do both, with the endpoint's limits, close
 * codes and compression settings, or the two stacks would disagree about every rule this project
 * tests. So, on the channel's event loop, this class:
 * <ol>
 *   <li>turns auto-read off and adds our handler in front of Reactor Netty's HTTP codec
 *       ({@link NettyPipeline#HttpCodec}), so bytes that arrive from now on reach the engine and
 *       never the HTTP parser, and takes over the bytes the guard kept from the parser;</li>
 *   <li>writes the 101 response bytes from there (the engine renders them, as on the servlet
 *       containers);</li>
 *   <li>removes Reactor Netty's HTTP/1.1 handlers by their public names in {@link NettyPipeline}
 *       (codec, keep-alive traffic handler, access log, HTTP metrics, compression, idle and read
 *       timeouts): they would parse WebSocket frames as requests or close the connection between
 *       "requests". TLS, wire logging and channel metrics stay.</li>
 * </ol>
 * The returned {@code Mono} completes once the connection is ours, so WebFlux finishes the exchange
 * and lets go of it (an idle WebSocket connection does not keep a request, response and filter chain
 * alive); once Reactor Netty's operations for it have terminated, its bridge handler
 * ({@link NettyPipeline#ReactiveBridge}) leaves the pipeline too. What WebFlux and Reactor Netty then write to finish the exchange (the response they
 * believe is still due) reaches our handler from behind and is dropped, and the read requests they
 * make are ignored: from the 101 on, only the session writes to and reads from the connection.
 * The pipeline names and the {@code Connection} behind {@code ServerHttpRequestDecorator.getNativeRequest}
 * are tested end to end on the Reactor Netty version Spring Boot manages (1.3.x for Boot 4.0).
 *
 * <p>Bytes a client sent in the same packet as its request head, before it saw the 101, are kept
 * from the HTTP decoder by the {@link UpgradeRequestGuard} installed behind the codec on every
 * connection; they are handed to the session here and decoded before anything read later.
 */
final class ReactorNettyUpgrade {

    /** Reactor Netty's HTTP/1.1 handlers that must not see the connection once it speaks WebSocket. */
    private static final List<String> HTTP_HANDLERS = List.of(
            NettyPipeline.HttpCodec, NettyPipeline.HttpTrafficHandler, NettyPipeline.AccessLogHandler,
            NettyPipeline.HttpMetricsHandler, NettyPipeline.CompressionHandler, NettyPipeline.HttpDecompressor,
            NettyPipeline.HttpAggregator, NettyPipeline.ChunkedWriter, NettyPipeline.IdleTimeoutHandler,
            NettyPipeline.ReadTimeoutHandler, NettyPipeline.H2CUpgradeHandler, NettyPipeline.ErrorLogHandler);

    /** First and longest pause between two looks at whether the exchange's operations let go (see {@link #removeBridgeOnceReleased}). */
    private static final long BRIDGE_FIRST_PAUSE_MILLIS = 1;
    private static final long BRIDGE_LAST_PAUSE_MILLIS = 32_768;

    private ReactorNettyUpgrade() {
    }

    /**
     * The Netty channel of an HTTP/1.1 request served by Reactor Netty, or {@code null} when the
     * request did not come through Reactor Netty's HTTP/1.1 server (another server, HTTP/2).
     */
    static Channel http11Channel(ServerHttpRequest request) {
        Object nativeRequest;
        try {
            nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        } catch (IllegalArgumentException notDecorated) {
            return null;
        }
        if (!(nativeRequest instanceof Connection connection)) {
            return null;
        }
        Channel channel = connection.channel();
        return channel.pipeline().get(NettyPipeline.HttpCodec) != null ? channel : null;
    }

    /**
     * Answers 101 with {@code responseHead} and opens the session on the connection.
     *
     * @return completes once the connection has been taken over
     */
    static Mono<Void> upgrade(Channel channel, byte[] responseHead, SessionSetup setup, HandlerDispatcher dispatcher) {
        return Mono.create(sink -> channel.eventLoop().execute(() -> {
            NettyFrameTransport transport;
            try {
                transport = takeOver(channel, responseHead, dispatcher, setup.endpoint().settings().closeTimeout());
            } catch (RuntimeException e) {
                if (setup.compression() != null) {
                    setup.compression().close();
                }
                boolean clientLeft = !channel.isActive();
                channel.close();
                if (clientLeft) {
                    sink.success(); // nobody to answer: not an error of the application
                } else {
                    sink.error(e);
                }
                return;
            }
            transport.runInSessionOrder(() -> TransportSessions.open(setup, transport));
            sink.success();
        }));
    }

    private static NettyFrameTransport takeOver(Channel channel, byte[] responseHead, HandlerDispatcher dispatcher,
                                                Duration closeLinger) {
        ChannelPipeline pipeline = channel.pipeline();
        if (!channel.isActive()) {
            // The client left during the handshake: no session, whose end would never be reported.
            throw new IllegalStateException("the connection closed before the 101");
        }
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            throw new IllegalStateException("the connection has no HTTP/1.1 codec to replace");
        }
        channel.config().setAutoRead(false);
        NettyFrameTransport transport = new NettyFrameTransport(channel, dispatcher, closeLinger);
        pipeline.addBefore(NettyPipeline.HttpCodec, NettyFrameTransport.HANDLER_NAME, transport);
        transport.writeHandshakeResponse(responseHead);
        // The codec first: bytes its decoder still holds pass on, as they are, to the guard behind it.
        pipeline.remove(NettyPipeline.HttpCodec);
        if (pipeline.get(UpgradeRequestGuard.NAME) instanceof UpgradeRequestGuard guard) {
            // Frames the client sent with its request head: the session decodes them first.
            guard.handOver(transport);
            pipeline.remove(guard);
        }
        for (String name : HTTP_HANDLERS) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
        removeBridgeOnceReleased(channel);
        return transport;
    }

    /**
     * Removes Reactor Netty's bridge to its channel operations ({@link NettyPipeline#ReactiveBridge})
     * once the finished exchange's operations have let go of the connection: from then on nothing of
     * Reactor Netty's reads from it, and the handler and its context would stay for the connection's
     * life (about 90 bytes per idle session). Not before: the operations still complete the
     * exchange through it, and they insert handlers relative to it by name. They let go right after
     * the exchange's last write (which our handler drops), a loop turn or two after the takeover;
     * the check is repeated on the event loop with a growing pause until then. Not through
     * {@code ChannelOperations.onTerminate()}: subscribing to it leaves a listener array on the
     * channel's close future for the connection's life, about as large as what is removed.
     *
     * <p>Event loop only.
     */
    static void removeBridgeOnceReleased(Channel channel) {
        removeBridgeOnceReleased(channel, BRIDGE_FIRST_PAUSE_MILLIS);
    }

    private static void removeBridgeOnceReleased(Channel channel, long pauseMillis) {
        if (!channel.isActive() || channel.pipeline().get(NettyPipeline.ReactiveBridge) == null) {
            return;
        }
        if (ChannelOperations.get(channel) == null) {
            channel.pipeline().remove(NettyPipeline.ReactiveBridge);
        } else if (pauseMillis <= BRIDGE_LAST_PAUSE_MILLIS) {
            channel.eventLoop().schedule(() -> removeBridgeOnceReleased(channel, pauseMillis * 2),
                    pauseMillis, TimeUnit.MILLISECONDS);
        }
        // Operations that outlive every pause (a minute in all) keep the bridge: it is only memory.
    }
}
