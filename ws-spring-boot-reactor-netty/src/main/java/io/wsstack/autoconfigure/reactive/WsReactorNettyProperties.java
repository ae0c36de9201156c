package io.wsstack.autoconfigure.reactive;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the Reactor Netty transport (WebFlux applications), bound from
 * {@code ws.reactor-netty.*}. Everything else ({@code ws.endpoints.*}, {@code ws.defaults.*},
 * {@code ws.deflate.*}) applies unchanged.
 */
@ConfigurationProperties(prefix = "ws.reactor-netty", ignoreUnknownFields = false)
public class WsReactorNettyProperties {

    /**
     * Names of the endpoints whose handlers run on Netty's event loop, decoding, handling and
     * writing on one thread without a hand-off. Only for handlers that never block: a blocked event
     * loop stalls every connection it serves. Other endpoints' handlers run off the event loop, in
     * per-session order.
     */
    private List<String> eventLoopEndpoints = new ArrayList<>();

    /**
     * Threads that run handlers off the event loop when the runtime has no virtual threads
     * (before Java 21). With virtual threads, each session's work runs on a virtual thread.
     */
    private int handlerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    public List<String> getEventLoopEndpoints() {
        return eventLoopEndpoints;
    }

    public void setEventLoopEndpoints(List<String> eventLoopEndpoints) {
        this.eventLoopEndpoints = eventLoopEndpoints;
    }

    public int getHandlerThreads() {
        return handlerThreads;
    }

    public void setHandlerThreads(int handlerThreads) {
        this.handlerThreads = handlerThreads;
    }
}
