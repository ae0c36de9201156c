package io.wsstack.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens the TCP connection for a {@code ws://} URI, and for {@code wss://} layers TLS over it with
 * host name verification (RFC 6455 §4.1: a secure connection must be established, and its
 * certificate checked, before the opening handshake is sent).
 */
final class SocketConnector {

    private SocketConnector() {
    }

    /** A fresh unconnected socket; it is published before connecting so that a deadline can close it. */
    static Socket newSocket() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        return socket;
    }

    /**
     * Connects {@code raw} to the URI's host and port (80 or 443 by default), or, when a proxy applies to
     * the host, to the proxy, and opens a CONNECT tunnel to the host through it; either way the socket
     * then leads to the server.
     */
    static void connect(Socket raw, URI uri, ClientConfig config) throws IOException {
        int timeout = timeoutMillis(config.connectTimeout().toMillis());
        HttpProxy proxy = config.proxy();
        if (proxy == null || !proxy.appliesTo(uri)) {
            raw.connect(new InetSocketAddress(uri.getHost(), port(uri)), timeout);
            return;
        }
        raw.connect(new InetSocketAddress(proxy.host(), proxy.port()), timeout);
        ProxyTunnel.open(raw, uri, proxy, timeoutMillis(config.handshakeTimeout().toMillis()));
    }

    /** For wss, the TLS socket over {@code raw} after its handshake; for ws, {@code raw} itself. */
    static Socket secure(Socket raw, URI uri, ClientConfig config) throws IOException {
        if (!isSecure(uri)) {
            return raw;
        }
        SSLContext context = config.sslContext() != null ? config.sslContext() : defaultContext();
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, hostForTls(uri), port(uri), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    static boolean isSecure(URI uri) {
        return "wss".equals(uri.getScheme().toLowerCase(Locale.ROOT));
    }

    static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return isSecure(uri) ? 443 : 80;
    }

    /** The host without IPv6 brackets, as TLS name checks and SNI expect it. */
    private static String hostForTls(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int timeoutMillis(long millis) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    private static SSLContext defaultContext() throws IOException {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context", e);
        }
    }
}
