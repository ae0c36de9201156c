package io.wsstack.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Fails start-up on a {@code ws.*} key that nobody knows, once every bean (and so every
 * {@link WsPropertyNamespace} claim) exists. The core's own keys are checked to the leaf: the
 * environment's property sources, minus every claimed key, are bound to {@link WsProperties} with
 * Spring Boot's {@code NoUnboundElementsBindHandler} ({@link WsPropertyKeys}), so {@code ws.endpoints.chat.max-frame-sise},
 * {@code ws.enable} and a {@code ws.proxy.*} key without ws-proxy are all left unbound and reported.
 * Keys under a claim are the claiming module's to bind and check ({@code ignoreUnknownFields = false},
 * or {@link WsPropertyKeys#requireKnown} when its type is bound at {@code ws}).
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
        List<String> unknown = WsPropertyKeys.unbound(environment, WsProperties.class,
                name -> namespaces.stream().noneMatch(claim -> claim.claims(name)));
        if (!unknown.isEmpty()) {
            throw new WsUnknownPropertiesException(unknown, knownPrefixes(namespaces));
        }
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
            known.addAll(namespace.describe());
        }
        return known;
    }
}
