package io.wsstack.spring.servlet;

import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.MessageCompression;
import io.wsstack.spring.WsEndpoint;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * Everything the handshake decided, handed from the filter to the upgrade handler that the
 * container creates for the connection.
 *
 * @param endpoint      the matched endpoint
 * @param path          the request path
 * @param pathVariables the path template's values
 * @param attributes    session attributes seeded by interceptors (a concurrent map), or {@code null}
 *                      when they seeded none: the session then makes its map on first use
 * @param principal     the authenticated user of the upgrade request, or {@code null}
 * @param subprotocol   the selected subprotocol, or {@code null}
 * @param extensions    the accepted extensions
 * @param remoteAddress the peer's address
 * @param compression   the negotiated permessage-deflate state, or {@code null}
 * @param statelessCompression whether that compression resets its context after every message we
 *                      send (server_no_context_takeover), so its output can be shared
 * @param context       the transport's shared parts
 */
public record SessionSetup(WsEndpoint endpoint, String path, Map<String, String> pathVariables,
                    Map<String, Object> attributes, Principal principal, String subprotocol,
                    List<ExtensionOffer> extensions, InetSocketAddress remoteAddress,
                    MessageCompression compression, boolean statelessCompression, TransportContext context) {

    public SessionSetup {
        // An empty map is not kept: most sessions never use attributes, and an idle session would
        // hold the handshake's empty map for its whole life (ServletWsSession makes one on first use).
        if (attributes != null && attributes.isEmpty()) {
            attributes = null;
        }
        // A path without variables is the endpoint's own: its sessions share the template's string
        // rather than each keeping the copy its request was parsed into.
        if (endpoint != null && path != null && pathVariables != null && pathVariables.isEmpty()
                && path.equals(endpoint.path().toString())) {
            path = endpoint.path().toString();
        }
    }
}
