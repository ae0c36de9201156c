package io.wsstack.autoconfigure;

import java.util.List;

/**
 * Keys under {@code ws.} that neither the core nor any module's {@link WsPropertyNamespace} knows:
 * most likely misspelt, or meant for a module that is not on the class path. Start-up fails with
 * it, and {@link WsUnknownPropertiesFailureAnalyzer} reports the keys and what is known.
 */
public final class WsUnknownPropertiesException extends IllegalStateException {

    private final List<String> unknownKeys;
    private final List<String> knownPrefixes;

    /**
     * @param unknownKeys   each unknown key, with where it was set when that is known
     * @param knownPrefixes the known prefixes, each with its owner
     */
    public WsUnknownPropertiesException(List<String> unknownKeys, List<String> knownPrefixes) {
        super("ws.* configuration keys that no module binds: " + String.join(", ", unknownKeys) + ". Known prefixes: "
                + String.join(", ", knownPrefixes));
        this.unknownKeys = List.copyOf(unknownKeys);
        this.knownPrefixes = List.copyOf(knownPrefixes);
    }

    /** The unknown keys, each with where it was set when that is known. */
    public List<String> unknownKeys() {
        return unknownKeys;
    }

    /** The known prefixes, each with the module that owns it. */
    public List<String> knownPrefixes() {
        return knownPrefixes;
    }
}
