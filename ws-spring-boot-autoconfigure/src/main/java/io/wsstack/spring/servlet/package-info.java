/**
 * The servlet transport: WebSocket over the servlet container's HTTP upgrade, on the application's
 * own port, behind its TLS and its security filter chain.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link io.wsstack.spring.servlet.WsUpgradeFilter} answers {@code Upgrade: websocket}
 *       requests (validation, origin, interceptors, subprotocol, permessage-deflate, 101) and hands
 *       the connection to a {@link io.wsstack.spring.servlet.WsUpgradeHandler}. The container runs
 *       filters only for requests mapped to some servlet, which every web application has (Spring
 *       MVC's DispatcherServlet maps {@code /}).</li>
 *   <li>One session per connection wraps the engine's {@code Connection}. Reads happen on the
 *       container's thread with a {@code ReadListener}; handlers run on that thread, in wire order,
 *       after the engine lock is released. Sends from any thread encode under the per-session engine
 *       lock and go through a per-session queue that a {@code WriteListener} drains while the
 *       container accepts bytes. Control frames jump the queue, at most one pong waits, nothing is
 *       queued after our Close.</li>
 *   <li>Timers (idle, keep-alive ping, close timeout) run on one shared scheduler thread.</li>
 * </ul>
 *
 * <h2>Close codes this transport chooses</h2>
 * <ul>
 *   <li>Idle timeout (nothing received): 1001 going away, as the endpoint settings document.</li>
 *   <li>Keep-alive ping not answered by the next ping: 1011, as Python websockets does for its
 *       keep-alive timeout.</li>
 *   <li>Send buffer full with policy CLOSE: 1008, queued data discarded.</li>
 *   <li>A handler throws: the exception's close code if it is a
 *       {@code WebSocketProtocolException}, else 1011.</li>
 *   <li>Shutdown: 1001. Our Close unanswered within the close timeout, or the connection lost:
 *       the session reports 1006 and the connection is dropped.</li>
 * </ul>
 *
 * <h2>Container notes</h2>
 * <ul>
 *   <li><b>Handshake timeout.</b> The filter runs after the container has read the whole request
 *       head, so a slowly trickled head is bounded by the container's connection timeout
 *       ({@code server.tomcat.connection-timeout}, {@code server.jetty.connection-idle-timeout}),
 *       not by {@code handshake-timeout}.</li>
 *   <li><b>Tomcat</b> closes an upgraded socket that was closed through the servlet API from a
 *       non-container thread (our timers) at the socket's next read or write event. The session,
 *       its queue and its engine are released at once; a peer that stays completely silent keeps
 *       only its socket open until it sends, closes, or the server stops.</li>
 *   <li><b>Jetty 12.1</b> applies its connector idle timeout ({@code server.jetty.connection-idle-timeout},
 *       30 s unless set) to upgraded connections too: a session with no traffic either way for that
 *       long is dropped (reported 1006). Keep {@code ping-interval} below it; Tomcat sets no timeout
 *       on upgraded connections, so there only {@code idle-timeout} applies.</li>
 *   <li><b>Jetty 12.1</b> completes the input of a request without a body before the upgrade
 *       starts, so the upgraded input of a request sent without {@code Content-Length} reads as
 *       ended at once. Clients that send {@code Content-Length: 0} (the JDK client does) work;
 *       browsers and most libraries do not send it.</li>
 * </ul>
 */
package io.wsstack.spring.servlet;
