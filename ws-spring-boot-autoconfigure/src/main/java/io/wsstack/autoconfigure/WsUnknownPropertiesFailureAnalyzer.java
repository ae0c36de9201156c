package io.wsstack.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a {@link WsUnknownPropertiesException} as an "APPLICATION FAILED TO START" report: each
 * unknown key and where it was set, then the prefixes that are known and the module owning each.
 */
public final class WsUnknownPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<WsUnknownPropertiesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WsUnknownPropertiesException cause) {
        StringBuilder description = new StringBuilder("No module binds these WebSocket configuration keys "
                + "(misspelt, empty, or meant for a module that is not here):\n");
        cause.unknownKeys().forEach(key -> description.append("\n    ").append(key));
        StringBuilder action = new StringBuilder("Correct the spelling, or add the module the keys belong to. ")
                .append("Known ws.* prefixes here:\n");
        cause.knownPrefixes().forEach(prefix -> action.append("\n    ").append(prefix));
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }
}
