/**
 * For transports, not for applications: the view of a session that a transport registers (frame
 * sharing, prepared sends, queue statistics), and where transports that decode on an I/O thread run
 * their handlers ({@link io.wsstack.spring.transport.HandlerDispatcher}, one
 * {@link io.wsstack.spring.transport.SerialExecutor} lane per session). Applications use
 * {@link io.wsstack.spring.WsSession} and {@link io.wsstack.spring.WsSessionRegistry}; these types
 * may change in any release.
 */
package io.wsstack.spring.transport;
