package io.wsstack.client;

import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.MaskKeySource;
import io.wsstack.core.deflate.DeflateOptions;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLContext;

/**
 * The settings every session of one {@link WsClient} shares, as the builder fixed them.
 *
 * @param connectTimeout   deadline for the TCP connection
 * @param handshakeTimeout deadline for TLS plus the HTTP upgrade, from TCP connected to 101 read
 * @param settings         the engine's limits for incoming frames and messages
 * @param deflate          permessage-deflate options to offer, or {@code null} to offer none
 * @param maxSendBuffer    most bytes of data messages queued per session
 * @param idleTimeout      close after this long without incoming bytes; zero for never
 * @param pingInterval     ping after this long without incoming bytes; zero for never
 * @param closeTimeout     how long to wait for the closing handshake before dropping TCP
 * @param sslContext       TLS for wss, or {@code null} for the JVM default
 * @param threadFactory    makes the reader, writer and timer threads
 * @param maskKeys         masking keys for outgoing frames
 * @param pongTimeout      how long a keepalive ping waits for its pong before the connection fails (1011); zero for the ping interval
 * @param proxy            the HTTP CONNECT proxy, or {@code null} to connect directly
 * @param maxRedirects     how many 3xx answers to the upgrade to follow; zero for none
 */
record ClientConfig(Duration connectTimeout, Duration handshakeTimeout, ConnectionSettings settings,
        DeflateOptions deflate, long maxSendBuffer, Duration idleTimeout, Duration pingInterval,
        Duration closeTimeout, SSLContext sslContext, ThreadFactory threadFactory, MaskKeySource maskKeys,
        Duration pongTimeout, HttpProxy proxy, int maxRedirects) {
}
