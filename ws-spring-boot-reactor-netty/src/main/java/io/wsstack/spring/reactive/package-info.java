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
 *   <li>Threads: frames are decoded by the engine on the connection's event loop, from Netty's
 *       pooled read buffers, released right after. By default the handler calls then go to the
 *       session's lane, a {@link io.wsstack.spring.transport.BoundedLane} over the shared
 *       {@link io.wsstack.spring.transport.HandlerDispatcher} (virtual threads on Java 21+), so a
 *       blocking handler never stalls an event loop; the lane is bounded, and a session whose
 *       handler falls behind stops reading (TCP pushes back). Endpoints whose
 *       {@code handler-dispatch} is {@code event-loop} run their handlers on the event loop too.
 *       Writes are flushed once per read batch (or once per lane run).</li>
 *   <li>An {@link io.wsstack.spring.reactive.UpgradeRequestGuard} behind Reactor Netty's HTTP codec
 *       keeps frames a client sends in the packet of its request head away from the HTTP decoder,
 *       so the session decodes them first.</li>
 * </ul>
 *
 * <h2>Differences from the servlet containers</h2>
 * <ul>
 *   <li>Handshake interceptors and participants are the same beans as on the servlet containers
 *       ({@code WsHandshakeInterceptor}, {@code WsHandshakeParticipant}); their request view
 *       unwraps to the {@code ServerWebExchange}. Interceptors run on the event loop (do not
 *       block); participants on Reactor's bounded-elastic scheduler.</li>
 *   <li>Only HTTP/1.1 connections are upgraded (as on the servlet containers).</li>
 * </ul>
 */
package io.wsstack.spring.reactive;
