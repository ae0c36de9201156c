package io.wsstack.autoconfigure.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wsstack.autoconfigure.WsLimitsProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * The WebSocket client ({@code ws.client.*}: one {@code WsClient} bean for the application) and client
 * endpoints ({@code ws.clients.NAME.*}: connections opened at startup whose messages go to
 * {@code @WsHandler("NAME")} methods).
 */
@ConfigurationProperties(prefix = "ws")
public class WsClientProperties {

    /** Settings of the application's WsClient, shared by every client endpoint. */
    @NestedConfigurationProperty
    private Client client = new Client();

    /** Client endpoints, by name: ws.clients.NAME.uri and the rest. */
    private Map<String, Endpoint> clients = new LinkedHashMap<>();

    public Client getClient() {
        return this.client;
    }

    public void setClient(Client client) {
        this.client = client;
    }

    public Map<String, Endpoint> getClients() {
        return this.clients;
    }

    public void setClients(Map<String, Endpoint> clients) {
        this.clients = clients;
    }

    /** {@code ws.client.*}. */
    public static class Client extends WsLimitsProperties {

        /** Deadline for the TCP connection (and a proxy's CONNECT). */
        private Duration connectTimeout = Duration.ofSeconds(10);

        /** How long a keepalive ping waits for its pong before the session ends with 1011; 0 means the ping interval. */
        private Duration pongTimeout = Duration.ZERO;

        /** Whether to offer permessage-deflate (RFC 7692). */
        private boolean compression = true;

        /** How many redirect answers to the upgrade to follow (never wss to ws; credentials stay with their origin); 0 for none. */
        private int followRedirects;

        /** The HTTP CONNECT proxy for ws and wss; unset host means direct connections. */
        @NestedConfigurationProperty
        private Proxy proxy = new Proxy();

        /** Reconnect defaults for client endpoints; each may override them under ws.clients.NAME.reconnect. */
        @NestedConfigurationProperty
        private Reconnect reconnect = new Reconnect();

        /** The client's own defaults for the limits and timeouts it shares with server endpoints. */
        public Client() {
            setHandshakeTimeout(Duration.ofSeconds(10));
            setMaxFrameSize(DataSize.ofMegabytes(1));
            setMaxMessageSize(DataSize.ofMegabytes(1));
            setMaxSendBuffer(DataSize.ofMegabytes(1));
            setIdleTimeout(Duration.ZERO);
            setPingInterval(Duration.ZERO);
            setCloseTimeout(Duration.ofSeconds(10));
        }

        public Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getPongTimeout() {
            return this.pongTimeout;
        }

        public void setPongTimeout(Duration pongTimeout) {
            this.pongTimeout = pongTimeout;
        }

        public boolean isCompression() {
            return this.compression;
        }

        public void setCompression(boolean compression) {
            this.compression = compression;
        }

        public int getFollowRedirects() {
            return this.followRedirects;
        }

        public void setFollowRedirects(int followRedirects) {
            this.followRedirects = followRedirects;
        }

        public Proxy getProxy() {
            return this.proxy;
        }

        public void setProxy(Proxy proxy) {
            this.proxy = proxy;
        }

        public Reconnect getReconnect() {
            return this.reconnect;
        }

        public void setReconnect(Reconnect reconnect) {
            this.reconnect = reconnect;
        }
    }

    /** {@code ws.client.proxy.*}. */
    public static class Proxy {

        /** The proxy's host; unset for direct connections. */
        private String host;

        /** The proxy's port. */
        private int port = 3128;

        /** User name for Proxy-Authorization: Basic; unset for none. */
        private String username;

        /** Password for Proxy-Authorization: Basic. */
        private String password;

        /** Hosts reached directly: exact names, or suffixes written .example.com or *.example.com. */
        private List<String> bypass = new ArrayList<>();

        public String getHost() {
            return this.host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return this.port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getUsername() {
            return this.username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return this.password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public List<String> getBypass() {
            return this.bypass;
        }

        public void setBypass(List<String> bypass) {
            this.bypass = bypass;
        }
    }

    /**
     * Reconnect settings. Under {@code ws.client.reconnect} every value has its default; under
     * {@code ws.clients.NAME.reconnect} an unset value is taken from {@code ws.client.reconnect}.
     */
    public static class Reconnect {

        /** Whether a lost connection is opened again (network loss, 1001, 1006, 1011, 1012, 1013, 5xx). */
        private Boolean enabled;

        /** The backoff bound of the first retry; each retry waits a random time up to the bound. */
        private Duration initialDelay;

        /** The cap of the backoff bound. */
        private Duration maxDelay;

        /** How much the bound grows per failed attempt. */
        private Double multiplier;

        /** Give up after this many failed attempts in a row; 0 for no limit. */
        private Integer maxAttempts;

        /** Give up once this long has passed since the connection was lost; 0 for no limit. */
        private Duration maxElapsed;

        /** Keep messages sent while disconnected up to this many bytes and send them after the next open; 0 refuses them. */
        private DataSize queueWhileDisconnected;

        /** The defaults of ws.client.reconnect. */
        static Reconnect defaults() {
            Reconnect r = new Reconnect();
            r.enabled = true;
            r.initialDelay = Duration.ofSeconds(1);
            r.maxDelay = Duration.ofSeconds(30);
            r.multiplier = 2.0;
            r.maxAttempts = 0;
            r.maxElapsed = Duration.ZERO;
            r.queueWhileDisconnected = DataSize.ofBytes(0);
            return r;
        }

        /** These values where set, {@code fallback}'s elsewhere. */
        Reconnect over(Reconnect fallback) {
            Reconnect r = new Reconnect();
            r.enabled = enabled != null ? enabled : fallback.enabled;
            r.initialDelay = initialDelay != null ? initialDelay : fallback.initialDelay;
            r.maxDelay = maxDelay != null ? maxDelay : fallback.maxDelay;
            r.multiplier = multiplier != null ? multiplier : fallback.multiplier;
            r.maxAttempts = maxAttempts != null ? maxAttempts : fallback.maxAttempts;
            r.maxElapsed = maxElapsed != null ? maxElapsed : fallback.maxElapsed;
            r.queueWhileDisconnected = queueWhileDisconnected != null ? queueWhileDisconnected : fallback.queueWhileDisconnected;
            return r;
        }

        public Boolean getEnabled() {
            return this.enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInitialDelay() {
            return this.initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public Duration getMaxDelay() {
            return this.maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        public Double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(Double multiplier) {
            this.multiplier = multiplier;
        }

        public Integer getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getMaxElapsed() {
            return this.maxElapsed;
        }

        public void setMaxElapsed(Duration maxElapsed) {
            this.maxElapsed = maxElapsed;
        }

        public DataSize getQueueWhileDisconnected() {
            return this.queueWhileDisconnected;
        }

        public void setQueueWhileDisconnected(DataSize queueWhileDisconnected) {
            this.queueWhileDisconnected = queueWhileDisconnected;
        }
    }

    /** {@code ws.clients.NAME.*}. */
    public static class Endpoint {

        /**
         * Where to connect: ws:// or wss://. Placeholders are resolved when the application starts
         * connecting, so ${local.server.port} works for an application that connects to itself.
         */
        private String uri;

        /** Subprotocols to offer, most preferred first. */
        private List<String> subprotocols = new ArrayList<>();

        /** Extra request headers of the upgrade, such as Authorization or Origin. */
        private Map<String, String> headers = new LinkedHashMap<>();

        /** Reconnect settings of this endpoint; unset values come from ws.client.reconnect. */
        @NestedConfigurationProperty
        private Reconnect reconnect = new Reconnect();

        public String getUri() {
            return this.uri;
        }

        public void setUri(String uri) {
            this.uri = uri;
        }

        public List<String> getSubprotocols() {
            return this.subprotocols;
        }

        public void setSubprotocols(List<String> subprotocols) {
            this.subprotocols = subprotocols;
        }

        public Map<String, String> getHeaders() {
            return this.headers;
        }

        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }

        public Reconnect getReconnect() {
            return this.reconnect;
        }

        public void setReconnect(Reconnect reconnect) {
            this.reconnect = reconnect;
        }
    }
}
