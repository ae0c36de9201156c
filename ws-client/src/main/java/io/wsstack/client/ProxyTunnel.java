package io.wsstack.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Asks an HTTP proxy for a tunnel (RFC 9110 §9.3.6: {@code CONNECT host:port}; any 2xx answer means
 * the connection now leads to the server). The proxy's answer is read one byte at a time so that not
 * a byte of what follows it (the server's TLS or HTTP bytes) is consumed here; its head is bounded.
 */
final class ProxyTunnel {

    /** The most bytes of a proxy's answer head we read before calling it malformed. */
    private static final int MAX_HEAD = 8 * 1024;

    private ProxyTunnel() {
    }

    /**
     * Opens the tunnel over {@code socket}, already connected to the proxy.
     *
     * @throws ProxyRefusedException when the proxy answers anything but 2xx (407 for missing or wrong credentials)
     * @throws IOException           when the proxy's answer is malformed or the connection fails
     */
    static void open(Socket socket, URI target, HttpProxy proxy, int timeoutMillis) throws IOException {
        String authority = authority(target);
        StringBuilder request = new StringBuilder(128)
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        String credentials = proxy.authorization();
        if (credentials != null) {
            request.append("Proxy-Authorization: ").append(credentials).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMillis);
        try {
            int status = readStatus(socket.getInputStream());
            if (status < 200 || status > 299) {
                throw new ProxyRefusedException(status);
            }
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("the proxy did not answer CONNECT within " + timeoutMillis + " ms");
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    /** host:port with IPv6 literals in brackets, as the request target of CONNECT (RFC 9110 §7.2). */
    private static String authority(URI target) {
        String host = target.getHost();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + SocketConnector.port(target);
    }

    /** Reads the whole answer head and returns its status code. */
    private static int readStatus(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(128);
        int matched = 0; // how much of CR LF CR LF was just seen
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the proxy closed the connection before answering CONNECT");
            }
            if (head.length() >= MAX_HEAD) {
                throw new ProtocolException("the proxy's answer to CONNECT exceeds " + MAX_HEAD + " bytes");
            }
            head.append((char) b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String statusLine = head.substring(0, head.indexOf("\r\n"));
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
            throw new ProtocolException("the proxy's answer to CONNECT is not HTTP/1.x: " + statusLine);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new ProtocolException("the proxy's answer to CONNECT has no status code: " + statusLine);
        }
    }
}
