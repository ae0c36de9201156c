/**
 * A WebSocket client with real I/O (RFC 6455, permessage-deflate of RFC 7692) on top of the
 * {@code ws-core} engine: {@link io.wsstack.client.WsClient} opens
 * {@link io.wsstack.client.WsClientSession}s to {@code ws://} and {@code wss://} URIs and reports
 * what arrives to a {@link io.wsstack.client.WsClientListener}. This package is the only place in
 * the client where sockets and TLS appear; the protocol itself lives in the engine.
 */
package io.wsstack.client;
