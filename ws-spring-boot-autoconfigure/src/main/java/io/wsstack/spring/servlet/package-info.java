/**
 * The servlet transport: WebSocket over the servlet container's HTTP upgrade, on the application's
 * own port, behind its TLS and its security filter chain.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link io.wsstack.spring.servlet.WsUpgradeFilter} answers {@code Upgrade: websocket}
 *       requests (validation, origin, interceptors, subprotocol, permessage-deflate, 101) and hands
 *       the connection over: to a {@link io.wsstack.spring.servlet.WsUpgradeHandler} through
 *       {@code HttpServletRequest.upgrade}, or on Jetty to a connection of our own (below). The
 *       container runs filters only for requests mapped to some servlet, which every web application
 *       has (Spring MVC's DispatcherServlet maps {@code /}).</li>
 *   <li>One session per connection wraps the engine's {@code Connection} and sits on a
 *       {@code FrameTransport}: the servlet container's upgraded streams ({@code ReadListener},
 *       {@code WriteListener}), or Jetty's endpoint. The session, its queue, timers and observers are
 *       the same on both. Reads happen on a container thread; handlers run on that thread, in wire
 *       order, after the engine lock is released. Sends from any thread encode under the per-session
 *       engine lock and go through a per-session queue that is drained while the transport accepts
 *       bytes. Pings and pongs jump the queue, our Close waits for the data queued before it, and
 *       nothing is queued after it.</li>
 *   <li><b>Read loop: one event at a time.</b> A read buffer may hold a valid message followed by a
 *       bad frame. The session feeds the buffer to the engine, which pauses after each message or
 *       pong ({@code Connection.pauseDecoding()}, called by ws-core's {@code InboundEvent}, the session
 *       core's event pump); the lock is released, the handler runs and queues its answer, and only
 *       then does the engine decode the rest of the buffer. What was queued while the buffer was
 *       decoded is flushed once at its end, not once per message. So the echo of the valid message goes out before the Close 1002 that
 *       the bad frame causes (no data may follow a Close, RFC 6455 §5.5.1). The buffer is used up
 *       before the transport reads again, so reads stay bounded by one buffer.</li>
 *   <li><b>Pongs.</b> Every ping is answered with its own pong, in order, while at most 16 pongs
 *       and 1 KiB of them wait for the socket; beyond that (a peer that pings and does not read) a
 *       new pong replaces the newest waiting one, as RFC 6455 §5.5.3 allows, so a ping flood costs
 *       bounded memory.</li>
 *   <li>The queue rules and the timers (idle, keep-alive ping, close timeout) are ws-core's session
 *       core ({@code io.wsstack.core.session}), shared with ws-client; timers run on one shared
 *       scheduler thread.</li>
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
 *   <li><b>Tomcat</b> gives a servlet upgrade infinite socket timeouts, and
 *       {@code WebConnection.close()} only marks its streams closed: Tomcat would close the socket
 *       at its next read or write event, which a silent peer never causes. When a session drops
 *       its connection the transport therefore also closes Tomcat's socket wrapper
 *       ({@code TomcatSocketRelease}), so a server-started close releases the TCP connection within
 *       the close timeout whatever the peer does.</li>
 *   <li><b>Tomcat: socket takeover.</b> On a plain-text NIO connector the upgraded socket is taken
 *       away from Tomcat's poller in {@code init} ({@code TomcatSocketAccess}: Tomcat's read buffer
 *       drained, Tomcat kept from dispatching read events, its buffers given back) and served by
 *       our own selector loops ({@code TomcatSocketTransport} on a {@code SocketLoop}), with handlers
 *       on a per-session lane, run by the loop after its pass while they are quick and by the shared
 *       {@code HandlerDispatcher}'s threads once they have been slow ({@code LoopFirstExecutor}; a
 *       run that blocks the loop loses it to a new thread, {@code LoopWatch}). Closing goes through Tomcat's
 *       socket wrapper, which releases Tomcat's connection count. TLS, NIO2 and
 *       {@code ws.tomcat.socket-takeover=false} keep the servlet upgrade.</li>
 *   <li><b>Jetty 12.1: its own upgrade path.</b> Jetty's servlet upgrade cannot serve real
 *       clients. Its HTTP/1.1 connection parses a request that announces no body to the end of the
 *       message before handling it ({@code org.eclipse.jetty.server.internal.HttpConnection.onFillable},
 *       when the buffer is empty and {@code !parser.hasContent()}), so the request's content is
 *       already at its end when {@code ServletChannel.doUpgrade} starts the tunnel, and the upgraded
 *       input reads end-of-stream at once: every request without {@code Content-Length}, which is
 *       what browsers, Node {@code ws} and Python {@code websockets} send, lost its session (only
 *       {@code Content-Length: 0}, as the JDK client sends, worked). On Jetty the filter therefore
 *       upgrades the way Jetty's own WebSocket server does: it sets the 101 as usual and puts a
 *       connection of ours in the core request's {@code HttpStream.UPGRADE_CONNECTION_ATTRIBUTE};
 *       when the request completes, Jetty sends the 101 and installs that connection on the endpoint,
 *       handing it the bytes already read past the request head. It reads with Jetty's fill interest
 *       into pooled buffers and writes with {@code EndPoint.write}. These classes load only when
 *       Jetty's are on the class path ({@code jetty-ee11-servlet} is an optional dependency); a request
 *       that is not Jetty's, or not HTTP/1.1, takes the servlet upgrade.</li>
 *   <li><b>HTTP/2.</b> Only HTTP/1.1 upgrades are served, not RFC 8441 extended CONNECT streams.
 *       Browsers use those only when the server's SETTINGS announce
 *       {@code SETTINGS_ENABLE_CONNECT_PROTOCOL}; Jetty 12.1 does by default, so the servlet
 *       auto-configuration turns it off on Jetty's HTTP/2 connection factories
 *       ({@code JettyHttp2WebSocketCustomizer}) and browsers open WebSocket over HTTP/1.1. Tomcat 11
 *       does not implement RFC 8441 and never announces it.</li>
 *   <li><b>Jetty 12.1</b> idle timeout: the connector's ({@code server.jetty.connection-idle-timeout})
 *       is switched off on an upgraded connection; as on Tomcat, only the endpoint's
 *       {@code idle-timeout} and {@code ping-interval} decide.</li>
 * </ul>
 */
package io.wsstack.spring.servlet;
