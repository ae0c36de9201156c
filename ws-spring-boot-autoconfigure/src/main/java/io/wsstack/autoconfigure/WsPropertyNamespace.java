package io.wsstack.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * A claim on part of the {@code ws.*} key space by a module other than the core: keys under these
 * prefixes are bound and checked by that module, so the core's check of unknown {@code ws.*} keys
 * leaves them alone. ws-proxy claims {@code ws.proxy}, ws-spring-boot-reactor-netty
 * {@code ws.reactor-netty}, ws-spring-boot-client {@code ws.client} and {@code ws.clients}, the
 * cluster auto-configuration {@code ws.cluster}. Publish one as a bean from the module's
 * auto-configuration; a key that no claim covers and the core does not know fails start-up.
 *
 * @param owner    the module that binds the keys, named in the start-up failure report
 * @param prefixes the claimed prefixes, each a canonical property name under {@code ws.}
 */
public record WsPropertyNamespace(String owner, List<String> prefixes) {

    public WsPropertyNamespace {
        prefixes = List.copyOf(prefixes);
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException(owner + " claims no ws.* prefix");
        }
        for (String prefix : prefixes) {
            ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
            if (name.getNumberOfElements() < 2 || !name.getElement(0, ConfigurationPropertyName.Form.UNIFORM).equals("ws")) {
                throw new IllegalArgumentException(owner + " claims '" + prefix + "', which is not under ws.");
            }
        }
    }

    /** A claim of {@code owner} on {@code prefixes}. */
    public static WsPropertyNamespace of(String owner, String... prefixes) {
        return new WsPropertyNamespace(owner, List.of(prefixes));
    }

    /** Whether {@code name} is one of the claimed prefixes or below one. */
    boolean claims(ConfigurationPropertyName name) {
        for (String prefix : prefixes) {
            ConfigurationPropertyName claimed = ConfigurationPropertyName.of(prefix);
            if (claimed.equals(name) || claimed.isAncestorOf(name)) {
                return true;
            }
        }
        return false;
    }

    /** Each claimed prefix with its owner, as start-up failure reports list them. */
    List<String> describe() {
        return prefixes.stream().map(prefix -> prefix + " (" + owner + ")").toList();
    }
}
