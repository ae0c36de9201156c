/**
 * For transports, not for applications: the view of a session that a transport registers (frame
 * sharing, prepared sends, queue statistics), and where transports that decode on an I/O thread run
 * their handlers ({@link io.wsstack.spring.transport.HandlerDispatcher}, one
 * {@link io.wsstack.spring.transport.BoundedLane} per session over a
 * {@link io.wsstack.spring.transport.SerialExecutor}, which pauses the transport's reading while
 * the session's handlers are behind). Applications use
 * {@link io.wsstack.spring.WsSession} and {@link io.wsstack.spring.WsSessionRegistry}; these types
 * may change in any release.
 */
package io.wsstack.spring.transport;
