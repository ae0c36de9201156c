package io.wsstack.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Finds the {@code ws.*} keys that a properties type bound at {@code ws} leaves unbound: the
 * strict half of the unknown-key check, shared by the core ({@link WsProperties}, every key no
 * module claims) and by modules whose properties type is bound at {@code ws} too and so cannot use
 * {@code ignoreUnknownFields = false} (ws-spring-boot-client: {@code ws.client}, {@code ws.clients}).
 * Failures are {@link WsUnknownPropertiesException}s, so {@link WsUnknownPropertiesFailureAnalyzer}
 * reports them all alike.
 */
public final class WsPropertyKeys {

    private WsPropertyKeys() {
    }

    /**
     * Fails with {@link WsUnknownPropertiesException} when a key under {@code namespace} is not a
     * property of {@code type} (bound at {@code ws}). For modules that run in applications without
     * the core's check (a non-web application using only the client), and that must check their
     * claimed keys themselves.
     */
    public static void requireKnown(ConfigurableEnvironment environment, WsPropertyNamespace namespace, Class<?> type) {
        List<String> unknown = unbound(environment, type, namespace::claims);
        if (!unknown.isEmpty()) {
            throw new WsUnknownPropertiesException(unknown, namespace.describe());
        }
    }

    /**
     * The keys among those {@code checked} lets through that binding them to {@code type} at
     * {@code ws} leaves unbound, each with where it was set; empty when every key is known.
     */
    static List<String> unbound(ConfigurableEnvironment environment, Class<?> type,
            Predicate<ConfigurationPropertyName> checked) {
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            sources.add(source.filter(checked));
        }
        Binder binder = new Binder(sources, new PropertySourcesPlaceholdersResolver(environment),
                ApplicationConversionService.getSharedInstance());
        try {
            // The same source filter as ignoreUnknownFields = false: environment variables are never "unknown".
            binder.bind("ws", Bindable.of(type),
                    new NoUnboundElementsBindHandler(BindHandler.DEFAULT, new UnboundElementsSourceFilter()));
        } catch (BindException ex) {
            if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
                return describe(unbound);
            }
            // Any other binding failure is reported when the properties bean itself is bound.
        }
        return List.of();
    }

    private static List<String> describe(UnboundConfigurationPropertiesException unbound) {
        List<String> keys = new ArrayList<>();
        for (ConfigurationProperty property : unbound.getUnboundProperties()) {
            // An empty value binds to nothing: the key may be right, so say why it was not taken.
            String empty = "".equals(property.getValue()) ? " (empty value, left unbound)" : "";
            keys.add(property.getName() + empty + (property.getOrigin() != null ? " (" + property.getOrigin() + ")" : ""));
        }
        return keys;
    }
}
