/**
 * For transports, not for applications: the view of a session that a transport registers (frame
 * sharing, prepared sends, queue statistics). Applications use {@link io.wsstack.spring.WsSession}
 * and {@link io.wsstack.spring.WsSessionRegistry}; these types may change in any release.
 */
package io.wsstack.spring.transport;
