package io.wsstack.spring.client;

import io.wsstack.client.ReconnectPolicy;
import io.wsstack.client.ReconnectingSession;
import io.wsstack.client.WsClient;
import io.wsstack.client.WsClientRequest;
import io.wsstack.spring.WsEndpointHandler;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.PropertyResolver;

/**
 * Opens every client endpoint when the application starts (after the web server, so an application
 * may connect to itself through {@code ${local.server.port}}) and closes them with 1001 when it stops.
 * Connecting never blocks startup: a server that is down is retried in the background by the
 * endpoint's reconnect policy.
 */
public final class ClientEndpointConnector implements SmartLifecycle {

    /** Later than the web server's start (and earlier than its graceful stop). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Log log = LogFactory.getLog(ClientEndpointConnector.class);

    /** Only the first failure matters to a policy that never retries. */
    private static final ReconnectPolicy NO_RECONNECT = ReconnectPolicy.builder().retryIf(cause -> false).build();

    private final WsClient client;
    private final List<ClientEndpoint> endpoints;
    private final Map<String, WsEndpointHandler> handlers;
    private final PropertyResolver placeholders;
    private final ClientEndpointObserver observer;
    private final Duration closeTimeout;
    private final Map<String, ClientWsSession> sessions = new LinkedHashMap<>();
    private volatile boolean running;

    public ClientEndpointConnector(WsClient client, List<ClientEndpoint> endpoints, Map<String, WsEndpointHandler> handlers,
            PropertyResolver placeholders, ClientEndpointObserver observer, Duration closeTimeout) {
        this.client = client;
        this.endpoints = List.copyOf(endpoints);
        this.handlers = Map.copyOf(handlers);
        this.placeholders = placeholders;
        this.observer = observer;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public synchronized void start() {
        for (ClientEndpoint endpoint : endpoints) {
            URI uri = URI.create(placeholders.resolveRequiredPlaceholders(endpoint.uri()));
            ClientEndpointListener listener = new ClientEndpointListener(endpoint.name(), handlers.get(endpoint.name()), observer);
            WsClientRequest.Builder request = WsClientRequest.builder(listener).subprotocols(endpoint.subprotocols());
            endpoint.headers().forEach(request::header);
            ReconnectPolicy policy = endpoint.reconnect() != null ? endpoint.reconnect() : NO_RECONNECT;
            // The listener must know its session before the first connection can open.
            ClientWsSession session = new ClientWsSession(endpoint.name(), uri);
            listener.bind(session);
            ReconnectingSession handle = client.connect(uri, request.build(), policy);
            session.attach(handle);
            sessions.put(endpoint.name(), session);
            if (log.isDebugEnabled()) {
                log.debug("Client endpoint '" + endpoint.name() + "' connecting to " + handle.uri());
            }
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (ClientWsSession session : sessions.values()) {
            try {
                session.handle().close(1001, "application stopping").get(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // the client's close aborts whatever is left
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The session of a client endpoint, once the application started. */
    public synchronized Optional<io.wsstack.spring.WsSession> session(String endpoint) {
        return Optional.ofNullable(sessions.get(endpoint));
    }
}
