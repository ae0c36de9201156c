package io.wsstack.spring.servlet;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.WsSessionRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Closes every open session with 1001 (going away, RFC 6455 §7.4.1) when the application stops, and
 * waits for the close handshakes up to the longest configured close timeout. It stops before the web
 * server does, so the Close frames still reach the clients; sessions that do not answer in time are
 * dropped by their own close timeout.
 */
public final class WsGracefulShutdown implements SmartLifecycle {

    private static final Log log = LogFactory.getLog(WsGracefulShutdown.class);

    /** Above the web server's start/stop and graceful-shutdown phases, so sessions close while it still serves. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final WsSessionRegistry sessions;
    private final WsEndpointRegistry endpoints;
    private volatile boolean running;

    public WsGracefulShutdown(WsSessionRegistry sessions, WsEndpointRegistry endpoints) {
        this.sessions = sessions;
        this.endpoints = endpoints;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        Duration wait = Duration.ZERO;
        for (WsEndpoint endpoint : endpoints.endpoints()) {
            if (endpoint.settings().closeTimeout().compareTo(wait) > 0) {
                wait = endpoint.settings().closeTimeout();
            }
            for (WsSession session : sessions.sessions(endpoint.name())) {
                closing.add(session.close(WsCloseStatus.GOING_AWAY));
            }
        }
        if (closing.isEmpty()) {
            return;
        }
        log.debug("Closing " + closing.size() + " WebSocket session(s) with 1001 for shutdown");
        try {
            CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0])).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.debug("Some WebSocket sessions did not finish their close handshake before shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Closing WebSocket sessions for shutdown failed", e);
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
}
