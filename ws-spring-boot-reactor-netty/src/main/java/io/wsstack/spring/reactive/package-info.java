/**
 * The Reactor Netty transport: WebSocket in WebFlux applications, on the application's own port,
 * behind its TLS and its Spring Security {@code SecurityWebFilterChain}.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link io.wsstack.spring.reactive.WsReactiveUpgradeFilter}, a {@code WebFilter} ordered just
 *       after Spring Security's, answers {@code Upgrade: websocket} requests to our endpoints with
 *       the servlet filter's rules, and hands the accepted connection to
 *       {@link io.wsstack.spring.reactive.ReactorNettyUpgrade}, which writes the 101 and replaces
 *       Reactor Netty's HTTP handlers with a {@link io.wsstack.spring.reactive.NettyFrameTransport}.</li>
 *   <li>The session above that transport is the servlet transport's (queue, timers, handler calls,
 *       close handshake, observers), through the {@code FrameTransport} seam; only the byte pipe
 *       and the threads differ.</li>
 *   <li>Threads: by default a session's reads are decoded and its handlers run on a
 *       {@link io.wsstack.spring.reactive.SerialExecutor} over the shared
 *       {@link io.wsstack.spring.reactive.HandlerDispatcher} (virtual threads on Java 21+), so a
 *       blocking handler never stalls an event loop; endpoints listed in
 *       {@code ws.reactor-netty.event-loop-endpoints} do everything on the event loop. Either way
 *       the channel reads only when the previous batch has been handled (auto-read off), and writes
 *       are flushed once per read batch.</li>
 * </ul>
 *
 * <h2>Differences from the servlet containers</h2>
 * <ul>
 *   <li>Handshake interceptors are {@link io.wsstack.spring.reactive.WsReactiveHandshakeInterceptor}s
 *       (the servlet one takes an {@code HttpServletRequest}); {@code WsHandshakeParticipant} is
 *       servlet-only.</li>
 *   <li>A frame a client sends before it has seen the 101 (RFC 6455 §4.1 forbids it) is consumed by
 *       Reactor Netty's HTTP decoder and lost; the session goes on with the next frame.</li>
 *   <li>Only HTTP/1.1 connections are upgraded (as on the servlet containers).</li>
 * </ul>
 */
package io.wsstack.spring.reactive;
