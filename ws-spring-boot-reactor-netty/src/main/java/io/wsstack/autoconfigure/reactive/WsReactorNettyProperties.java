package io.wsstack.autoconfigure.reactive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

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
     * Names of the endpoints whose handlers run on Netty's event loop.
     * Deprecated alias of handler-dispatch=event-loop on each endpoint
     * (ws.endpoints.*.handler-dispatch), one setting for every transport with an event loop.
     */
    private List<String> eventLoopEndpoints = new ArrayList<>();

    /**
     * Threads that run handlers off the event loop when the runtime has no virtual threads
     * (before Java 21). With virtual threads, each session's work runs on a virtual thread.
     */
    private int handlerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    @Deprecated(since = "0.1.0")
    @DeprecatedConfigurationProperty(replacement = "ws.endpoints.*.handler-dispatch", since = "0.1.0",
            reason = "Set handler-dispatch=event-loop on each endpoint instead; one setting for every transport")
    public List<String> getEventLoopEndpoints() {
        return eventLoopEndpoints;
    }

    @Deprecated(since = "0.1.0")
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
