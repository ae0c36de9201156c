package io.wsstack.autoconfigure;

import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointContributor;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.handler.JacksonWsJsonCodec;
import io.wsstack.spring.handler.WsHandlerDefinitionException;
import io.wsstack.spring.handler.WsHandlerMethodRegistry;
import io.wsstack.spring.handler.WsHandlerTargets;
import io.wsstack.spring.handler.WsJsonCodec;
import io.wsstack.spring.transport.LiveSessions;
import org.springframework.core.env.ConfigurableEnvironment;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.ConversionService;

/**
 * Core WebSocket auto-configuration: binds {@code ws.*}, computes each endpoint's effective
 * settings and engine settings, finds the {@code @WsHandler} methods, builds the
 * {@link WsEndpointRegistry} the transport serves, the session registry and the permessage-deflate
 * options and negotiator. Active in web applications, servlet (Spring MVC on Tomcat or Jetty) or reactive
 * (WebFlux on Reactor Netty), unless {@code ws.enabled=false}; every bean backs off when the application defines one of its type.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWsEnabled
@ConditionalOnWebApplication
@EnableConfigurationProperties(WsProperties.class)
@Import(WsDeflateConfiguration.class)
public final class WsAutoConfiguration {

    /** The open sessions: the transport adds and removes them, the cluster listens. */
    @Bean
    @ConditionalOnMissingBean
    LiveSessions wsLiveSessions() {
        return new LiveSessions();
    }

    /** What applications inject to find, list and broadcast to sessions; read-only over {@link LiveSessions}. */
    @Bean
    @ConditionalOnMissingBean
    WsSessionRegistry wsSessionRegistry(LiveSessions sessions) {
        return new WsSessionRegistry(sessions);
    }

    @Bean
    @ConditionalOnMissingBean
    WsEndpointCatalog wsEndpointCatalog(WsProperties properties,
            ObjectProvider<WsEndpointSettingsCustomizer> customizers) {
        return WsEndpointCatalog.from(properties, customizers.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    WsEngineSettings wsEngineSettings(WsEndpointCatalog catalog) {
        return WsEngineSettings.from(catalog);
    }

    @Bean
    @ConditionalOnMissingBean
    WsHandlerMethodRegistry wsHandlerMethodRegistry(ConfigurableListableBeanFactory beanFactory,
            WsEndpointCatalog catalog, ObjectProvider<WsJsonCodec> jsonCodec, ObjectProvider<WsHandlerTargets> others) {
        ConversionService conversionService = beanFactory.getConversionService() != null
                ? beanFactory.getConversionService() : ApplicationConversionService.getSharedInstance();
        // Methods another module serves (the client endpoints of ws-spring-boot-client) are not the server's.
        List<WsHandlerTargets> otherModules = others.orderedStream().toList();
        return WsHandlerMethodRegistry.build(beanFactory, catalog.endpoints(), jsonCodec.getIfAvailable(),
                conversionService, target -> otherModules.stream().anyMatch(module -> module.handles(target)));
    }

    /** Fails start-up on a ws.* key that neither these properties nor another module's claim cover. */
    @Bean
    static WsPropertyKeysCheck wsPropertyKeysCheck(ConfigurableEnvironment environment,
            ObjectProvider<WsPropertyNamespace> claims) {
        return new WsPropertyKeysCheck(environment, claims);
    }

    @Bean
    @ConditionalOnMissingBean
    WsEndpointRegistry wsEndpointRegistry(WsEndpointCatalog catalog, WsHandlerMethodRegistry handlers,
            ObjectProvider<WsEndpointContributor> contributors) {
        List<WsEndpoint> endpoints = new ArrayList<>();
        for (WsEndpointSettings settings : catalog.endpoints()) {
            WsEndpointHandler handler = handlers.handlerFor(settings.name())
                    .orElseThrow(() -> new WsHandlerDefinitionException(
                            "endpoint '" + settings.name() + "' has no handler",
                            "Annotate a bean method with @WsHandler(\"" + settings.name() + "\")."));
            endpoints.add(new WsEndpoint(settings, PathTemplate.parse(settings.path()), handler));
        }
        contributors.orderedStream().forEach(contributor -> addContributed(endpoints, contributor.endpoints()));
        return new WsEndpointRegistry(endpoints);
    }

    /** Appends contributed endpoints; a name or path template already taken would make routing ambiguous. */
    private static void addContributed(List<WsEndpoint> endpoints, List<WsEndpoint> contributed) {
        for (WsEndpoint added : contributed) {
            for (WsEndpoint existing : endpoints) {
                if (existing.name().equals(added.name()) || existing.settings().path().equals(added.settings().path())) {
                    throw new IllegalStateException("WebSocket endpoint '" + added.name() + "' (" + added.settings().path()
                            + ") clashes with endpoint '" + existing.name() + "' (" + existing.settings().path()
                            + "): endpoint names and paths must be unique");
                }
            }
            endpoints.add(added);
        }
    }

    /** JSON-typed handler parameters and results, when Jackson 3 is on the classpath. */
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
