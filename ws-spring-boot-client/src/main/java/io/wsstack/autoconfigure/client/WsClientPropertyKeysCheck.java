package io.wsstack.autoconfigure.client;

import io.wsstack.autoconfigure.WsPropertyKeys;
import io.wsstack.autoconfigure.WsPropertyNamespace;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Fails start-up on a misspelt {@code ws.client.*} or {@code ws.clients.NAME.*} key, with the same
 * report as the core gives for its own keys. {@link WsClientProperties} is bound at {@code ws} (it
 * holds both prefixes), so {@code ignoreUnknownFields = false} would reject every server key; and
 * the core's check is absent from non-web applications, so the module checks its claim itself.
 * Runs once every singleton exists, before any client endpoint connects.
 */
final class WsClientPropertyKeysCheck implements SmartInitializingSingleton {

    private final ConfigurableEnvironment environment;
    private final WsPropertyNamespace claim;

    WsClientPropertyKeysCheck(ConfigurableEnvironment environment, WsPropertyNamespace claim) {
        this.environment = environment;
        this.claim = claim;
    }

    @Override
    public void afterSingletonsInstantiated() {
        WsPropertyKeys.requireKnown(environment, claim, WsClientProperties.class);
    }
}
