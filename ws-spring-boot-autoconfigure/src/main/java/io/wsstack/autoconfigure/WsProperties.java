package io.wsstack.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties under {@code ws.}: the switch, the endpoint defaults, the endpoints
 * and permessage-deflate ({@code ws.proxy.*} belongs to the ws-proxy module, {@code ws.reactor-netty.*}
 * to ws-spring-boot-reactor-netty).
 *
 * <p>Unknown keys anywhere under {@code ws.} fail startup ({@code ignoreUnknownFields = false}),
 * so a misspelt {@code ws.endpoints.chat.max-frame-sise} is reported instead of silently ignored.
 * Values are checked once binding is complete (ranges, a required path, a path used twice,
 * origins, subprotocol tokens, keep-alive against idle timeout) and a bad one is reported as an
 * {@code InvalidConfigurationPropertyValueException} naming the full property and the reason.
 */
@ConfigurationProperties(prefix = "ws", ignoreUnknownFields = false)
public class WsProperties implements InitializingBean {

    /** Whether WebSocket support is on. When false no bean of this starter is created, transport included. */
    private boolean enabled = true;

    /** Settings inherited by every endpoint that does not set its own. */
    @NestedConfigurationProperty
    private WsDefaultsProperties defaults = new WsDefaultsProperties();

    /** The endpoints, by name: ws.endpoints.NAME.path and the per-endpoint overrides of ws.defaults. */
    private Map<String, WsEndpointProperties> endpoints = new LinkedHashMap<>();

    /** The permessage-deflate extension (RFC 7692). */
    @NestedConfigurationProperty
    private WsDeflateProperties deflate = new WsDeflateProperties();

    /**
     * The most bytes that incoming messages being assembled may hold across all sessions of the
     * server. A message that needs more than is left is refused with close code 1013 (try again
     * later) instead of exhausting the heap; the first 64 KiB of each session's buffer are not
     * counted. Default: an eighth of the maximum heap.
     */
    private DataSize inboundMessageBudget;

    /**
     * Reverse-proxy routes (ws.proxy.routes.NAME.*), read and checked by the ws-proxy module. Held
     * here only so that the strict binding of ws.* does not report them as unknown keys; the
     * ws-proxy module binds them strictly itself.
     */
    private Map<String, Object> proxy = new LinkedHashMap<>();

    /**
     * Settings of the Reactor Netty transport (ws.reactor-netty.*), read and checked by the
     * ws-spring-boot-reactor-netty module; held here for the same reason as {@code proxy}.
     */
    private Map<String, Object> reactorNetty = new LinkedHashMap<>();

    /**
     * The WebSocket client (ws.client.*) and client endpoints (ws.clients.NAME.*), read and checked by
     * the ws-spring-boot-client module; held here for the same reason as {@code proxy}.
     */
    private Map<String, Object> client = new LinkedHashMap<>();

    /** Client endpoints by name (ws.clients.NAME.uri and more); see {@code client}. */
    private Map<String, Object> clients = new LinkedHashMap<>();

    /**
     * Several instances as one cluster (ws.cluster.*), bound and checked strictly by the cluster
     * auto-configuration. Held here only so that the strict binding of ws.* accepts them.
     */
    private Map<String, Object> cluster = new LinkedHashMap<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public WsDefaultsProperties getDefaults() {
        return this.defaults;
    }

    public void setDefaults(WsDefaultsProperties defaults) {
        this.defaults = defaults;
    }

    public Map<String, WsEndpointProperties> getEndpoints() {
        return this.endpoints;
    }

    public void setEndpoints(Map<String, WsEndpointProperties> endpoints) {
        this.endpoints = endpoints;
    }

    public Map<String, Object> getProxy() {
        return this.proxy;
    }

    public void setProxy(Map<String, Object> proxy) {
        this.proxy = proxy;
    }

    public Map<String, Object> getReactorNetty() {
        return this.reactorNetty;
    }

    public void setReactorNetty(Map<String, Object> reactorNetty) {
        this.reactorNetty = reactorNetty;
    }

    public Map<String, Object> getClient() {
        return this.client;
    }

    public void setClient(Map<String, Object> client) {
        this.client = client;
    }

    public Map<String, Object> getClients() {
        return this.clients;
    }

    public void setClients(Map<String, Object> clients) {
        this.clients = clients;
    }

    public Map<String, Object> getCluster() {
        return this.cluster;
    }

    public void setCluster(Map<String, Object> cluster) {
        this.cluster = cluster;
    }

    public WsDeflateProperties getDeflate() {
        return this.deflate;
    }

    public void setDeflate(WsDeflateProperties deflate) {
        this.deflate = deflate;
    }

    public DataSize getInboundMessageBudget() {
        return this.inboundMessageBudget;
    }

    public void setInboundMessageBudget(DataSize inboundMessageBudget) {
        this.inboundMessageBudget = inboundMessageBudget;
    }

    /** The inbound message budget in bytes: the property, or an eighth of the maximum heap. */
    public long resolvedInboundMessageBudget() {
        return this.inboundMessageBudget != null ? this.inboundMessageBudget.toBytes()
                : Math.max(1, Runtime.getRuntime().maxMemory() / 8);
    }

    /** Checks the rules that span several values, once the binder has set them all. */
    @Override
    public void afterPropertiesSet() {
        WsPropertiesValidator.validate(this);
    }
}
