package io.wsstack.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties under {@code ws.}: the switch, the endpoint defaults, the endpoints,
 * permessage-deflate and the inbound message budget. Other modules bind their own keys
 * ({@code ws.proxy.*}, {@code ws.reactor-netty.*}, {@code ws.client.*}, {@code ws.clients.*},
 * {@code ws.cluster.*}) and claim them with a {@link WsPropertyNamespace}.
 *
 * <p>Unknown keys anywhere under {@code ws.} fail startup ({@link WsPropertyKeysCheck}): a key that
 * no module claims must be one of these, to the leaf, so a misspelt
 * {@code ws.endpoints.chat.max-frame-sise} is reported instead of silently ignored.
 * Values are checked once binding is complete (ranges, a required path, a path used twice,
 * origins, subprotocol tokens, keep-alive against idle timeout) and a bad one is reported as an
 * {@code InvalidConfigurationPropertyValueException} naming the full property and the reason.
 */
@ConfigurationProperties(prefix = "ws")
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
