package io.wsstack.spring.handler;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a {@link WsHandlerDefinitionException} as an "APPLICATION FAILED TO START" report with
 * the offending method or endpoint and the fix, instead of a bean creation stack trace.
 */
public final class WsHandlerDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<WsHandlerDefinitionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WsHandlerDefinitionException cause) {
        return new FailureAnalysis("WebSocket handler methods are not valid: " + cause.getMessage(), cause.action(),
                cause);
    }
}
