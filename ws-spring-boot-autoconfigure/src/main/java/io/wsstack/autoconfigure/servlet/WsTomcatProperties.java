package io.wsstack.autoconfigure.servlet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How WebSocket connections are served on Tomcat ({@code ws.tomcat.*}).
 */
@ConfigurationProperties(prefix = "ws.tomcat", ignoreUnknownFields = false)
public class WsTomcatProperties {

    /**
     * Whether upgraded connections on a plain-text (non-TLS) NIO connector are served on sockets
     * taken over from Tomcat, by the stack's own selector threads, instead of through Tomcat's
     * servlet-upgrade streams. Connections it cannot take (TLS, NIO2) use the servlet upgrade
     * either way.
     */
    private boolean socketTakeover = true;

    /**
     * Names of the endpoints whose handlers run on the socket threads of taken-over connections.
     * Deprecated alias of handler-dispatch=event-loop on each endpoint
     * (ws.endpoints.*.handler-dispatch), one setting for every transport with an event loop.
     */
    private List<String> eventLoopEndpoints = new ArrayList<>();

    /**
     * Threads that run handlers of taken-over connections when the runtime has no virtual threads
     * (before Java 21). With virtual threads, each session's work runs on a virtual thread.
     */
    private int handlerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /**
     * How long a worker endpoint's handler calls (one session's calls of one read pass) may run on
     * the socket thread that read them, instead of being handed to a handler thread. Handlers that
     * answer at once then cost no hand-off; a run that takes longer, or blocks, sends that
     * endpoint's calls to handler threads for a second. Zero hands every call off.
     */
    private Duration inlineHandlerBudget = Duration.ofMillis(1);

    /**
     * Socket threads serving taken-over connections, started as connections arrive; 0 for one per
     * core (at most four).
     */
    private int socketThreads = 0;

    public boolean isSocketTakeover() {
        return socketTakeover;
    }

    public void setSocketTakeover(boolean socketTakeover) {
        this.socketTakeover = socketTakeover;
    }

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

    public Duration getInlineHandlerBudget() {
        return inlineHandlerBudget;
    }

    public void setInlineHandlerBudget(Duration inlineHandlerBudget) {
        this.inlineHandlerBudget = inlineHandlerBudget;
    }

    public int getSocketThreads() {
        return socketThreads;
    }

    public void setSocketThreads(int socketThreads) {
        this.socketThreads = socketThreads;
    }
}
