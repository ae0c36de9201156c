package io.wsstack.spring.handler;

/**
 * A mistake in the {@code @WsHandler} methods or the endpoints they name, found at startup. The
 * message names the method (as {@code Class#method(Parameter, Types)}) or the endpoint, and
 * {@link #action()} says how to fix it.
 */
public final class WsHandlerDefinitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String action;

    /** A definition mistake and its fix. */
    public WsHandlerDefinitionException(String message, String action) {
        super(message);
        this.action = action;
    }

    /** What to change to fix it. */
    public String action() {
        return action;
    }
}
