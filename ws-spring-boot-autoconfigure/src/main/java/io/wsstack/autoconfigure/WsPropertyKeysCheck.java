package io.wsstack.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Fails start-up on a {@code ws.*} key that nobody knows, once every bean (and so every
 * {@link WsPropertyNamespace} claim) exists. The core's own keys are checked to the leaf: the
 * environment's property sources, minus every claimed key, are bound to {@link WsProperties} with
 * Spring Boot's {@link NoUnboundElementsBindHandler}, so {@code ws.endpoints.chat.max-frame-sise},
 * {@code ws.enable} and a {@code ws.proxy.*} key without ws-proxy are all left unbound and reported.
 * Keys under a claim are the claiming module's to bind and check.
 *
 * <p>Why not {@code ignoreUnknownFields = false} on {@link WsProperties} itself: that check sees
 * every key under {@code ws.}, the other modules' included, and cannot be told which belong to
 * whom.
 */
final class WsPropertyKeysCheck implements SmartInitializingSingleton {

    static final String CORE = "ws-spring-boot-autoconfigure";

    private final ConfigurableEnvironment environment;
    private final ObjectProvider<WsPropertyNamespace> claims;

    WsPropertyKeysCheck(ConfigurableEnvironment environment, ObjectProvider<WsPropertyNamespace> claims) {
        this.environment = environment;
        this.claims = claims;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<WsPropertyNamespace> namespaces = claims.orderedStream().toList();
        List<ConfigurationPropertySource> unclaimed = new ArrayList<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            unclaimed.add(source.filter(name -> namespaces.stream().noneMatch(claim -> claim.claims(name))));
        }
        Binder binder = new Binder(unclaimed, new PropertySourcesPlaceholdersResolver(environment),
                ApplicationConversionService.getSharedInstance());
        try {
            // The same source filter as ignoreUnknownFields = false: environment variables are never "unknown".
            binder.bind("ws", Bindable.of(WsProperties.class),
                    new NoUnboundElementsBindHandler(BindHandler.DEFAULT, new UnboundElementsSourceFilter()));
        } catch (BindException ex) {
            if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
                throw new WsUnknownPropertiesException(describe(unbound), knownPrefixes(namespaces));
            }
            // Any other binding failure was already reported when the WsProperties bean was bound.
        }
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

    /** The core's keys (the properties of {@link WsProperties}), then every claim, each with its owner. */
    static List<String> knownPrefixes(List<WsPropertyNamespace> namespaces) {
        List<String> known = new ArrayList<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(WsProperties.class)) {
            if (property.getWriteMethod() != null) {
                known.add("ws." + DataObjectPropertyName.toDashedForm(property.getName()) + " (" + CORE + ")");
            }
        }
        for (WsPropertyNamespace namespace : namespaces) {
            namespace.prefixes().forEach(prefix -> known.add(prefix + " (" + namespace.owner() + ")"));
        }
        return known;
    }
}
