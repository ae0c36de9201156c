package io.wsstack.autoconfigure.client;

import io.wsstack.client.WsClient;

/**
 * Adjusts the {@link WsClient.Builder} of the auto-configured client after {@code ws.client.*} was
 * applied (a custom {@code SSLContext}, thread factory, ...). Applied in {@code @Order} order.
 */
@FunctionalInterface
public interface WsClientBuilderCustomizer {

    void customize(WsClient.Builder builder);
}
