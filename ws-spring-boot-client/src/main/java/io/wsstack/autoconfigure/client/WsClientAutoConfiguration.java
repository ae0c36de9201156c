package io.wsstack.autoconfigure.client;

import io.wsstack.autoconfigure.ConditionalOnWsEnabled;
import io.wsstack.autoconfigure.WsPropertyNamespace;
import io.wsstack.client.WsClient;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.client.ClientEndpoint;
import io.wsstack.spring.client.ClientEndpointConnector;
import io.wsstack.spring.client.ClientEndpointObserver;
import io.wsstack.spring.handler.JacksonWsJsonCodec;
import io.wsstack.spring.handler.WsHandlerDefinitionException;
import io.wsstack.spring.handler.WsHandlerMethodRegistry;
import io.wsstack.spring.handler.WsHandlerTargets;
import io.wsstack.spring.handler.WsJsonCodec;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * The application's {@link WsClient} (from {@code ws.client.*}) and its client endpoints
 * ({@code ws.clients.NAME.*}): each connects once the application has started, reconnects by its
 * policy, and delivers to the {@code @WsHandler("NAME")}, {@code @WsOnOpen}, {@code @WsOnClose} and
 * {@code @WsOnError} methods with the same parameter and return-value rules as server endpoints.
 * Works in web and non-web applications alike; off with {@code ws.enabled=false}.
 */
@AutoConfiguration(afterName = {"io.wsstack.autoconfigure.WsAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnClass(WsClient.class)
@ConditionalOnWsEnabled
@EnableConfigurationProperties(WsClientProperties.class)
public final class WsClientAutoConfiguration {

    /** ws.client.* and ws.clients.* are bound by {@link WsClientProperties}, not by the core. */
    private static final WsPropertyNamespace CLIENT_KEYS =
            WsPropertyNamespace.of("ws-spring-boot-client", "ws.client", "ws.clients");

    @Bean
    static WsPropertyNamespace wsClientPropertyNamespace() {
        return CLIENT_KEYS;
    }

    /** Misspelt keys under the claim fail start-up, as the core's own do. */
    @Bean
    static WsClientPropertyKeysCheck wsClientPropertyKeysCheck(ConfigurableEnvironment environment) {
        return new WsClientPropertyKeysCheck(environment, CLIENT_KEYS);
    }

    /** The client endpoints' handler methods are served here, not by the server's handler registry. */
    @Bean
    WsHandlerTargets wsClientHandlerTargets(WsClientProperties properties) {
        return properties.getClients()::containsKey;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    WsClient wsClient(WsClientProperties properties, ObjectProvider<WsClientBuilderCustomizer> customizers) {
        WsClient.Builder builder = WsClientSettings.builder(properties.getClient());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    ClientEndpointConnector wsClientEndpointConnector(WsClient client, WsClientProperties properties,
            ConfigurableListableBeanFactory beanFactory, ObjectProvider<WsJsonCodec> jsonCodec, Environment environment,
            ObjectProvider<ClientEndpointObserver> observer) {
        List<ClientEndpoint> endpoints = endpoints(properties, environment);
        Set<String> names = properties.getClients().keySet();
        Map<String, WsEndpointHandler> handlers = Map.of();
        if (!endpoints.isEmpty()) {
            List<WsEndpointSettings> settings = endpoints.stream().map(WsClientAutoConfiguration::handlerSettings).toList();
            handlers = WsHandlerMethodRegistry.build(beanFactory, settings, jsonCodec.getIfAvailable(),
                    beanFactory.getConversionService() != null ? beanFactory.getConversionService()
                            : ApplicationConversionService.getSharedInstance(),
                    target -> !names.contains(target)).handlers();
        }
        return new ClientEndpointConnector(client, endpoints, handlers, environment,
                observer.getIfAvailable(() -> ClientEndpointObserver.NONE), properties.getClient().getCloseTimeout());
    }

    /** Checks each ws.clients.NAME and works out its reconnect policy. */
    private static List<ClientEndpoint> endpoints(WsClientProperties properties, Environment environment) {
        Map<String, Object> serverEndpoints = serverEndpointNames(environment);
        WsClientProperties.Reconnect defaults = properties.getClient().getReconnect()
                .over(WsClientProperties.Reconnect.defaults());
        List<ClientEndpoint> endpoints = new ArrayList<>();
        properties.getClients().forEach((name, endpoint) -> {
            String prefix = "ws.clients." + name;
            if (endpoint.getUri() == null || endpoint.getUri().isBlank()) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".uri", endpoint.getUri(),
                        "a client endpoint needs the ws:// or wss:// URI to connect to");
            }
            String scheme = endpoint.getUri().trim().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.startsWith("ws://") && !scheme.startsWith("wss://")) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".uri", endpoint.getUri(),
                        "the URI must start with ws:// or wss://");
            }
            if (serverEndpoints.containsKey(name)) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".uri", endpoint.getUri(),
                        "'" + name + "' is also a server endpoint (ws.endpoints." + name + "); @WsHandler(\"" + name
                                + "\") would be ambiguous, so give the client endpoint another name");
            }
            endpoints.add(new ClientEndpoint(name, endpoint.getUri().trim(), endpoint.getSubprotocols(), endpoint.getHeaders(),
                    WsClientSettings.policy(prefix + ".reconnect", endpoint.getReconnect().over(defaults))));
        });
        return endpoints;
    }

    private static Map<String, Object> serverEndpointNames(Environment environment) {
        return org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind("ws.endpoints", org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
    }

    /**
     * What the shared handler-method rules need of a client endpoint: its name. A client endpoint has
     * no path template, hence no path variables; the limits belong to the WsClient.
     */
    private static WsEndpointSettings handlerSettings(ClientEndpoint endpoint) {
        return new WsEndpointSettings(endpoint.name(), "/", endpoint.subprotocols(), List.of(), 0, 0, 0, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), 0, SendBufferOverflowPolicy.CLOSE);
    }

    /** JSON-typed handler parameters and results in applications that have no server endpoints. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JsonCodecConfiguration {

        @Bean
        @ConditionalOnMissingBean
        WsJsonCodec wsJsonCodec(ObjectProvider<JsonMapper> jsonMapper) {
            return new JacksonWsJsonCodec(jsonMapper.getIfAvailable(JsonMapper::shared));
        }
    }
}
