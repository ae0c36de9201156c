package io.wsstack.spring.handler;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the handler methods of one endpoint at startup and enforces one text and one binary
 * {@code @WsHandler} method per endpoint, since a message must have exactly one receiver.
 */
final class EndpointMethods {

    private final String endpoint;
    private final List<HandlerMethodInvoker> open = new ArrayList<>();
    private final List<HandlerMethodInvoker> close = new ArrayList<>();
    private final List<HandlerMethodInvoker> error = new ArrayList<>();
    private HandlerMethodInvoker text;
    private HandlerMethodInvoker binary;

    EndpointMethods(String endpoint) {
        this.endpoint = endpoint;
    }

    void add(HandlerKind kind, MessageType messageType, HandlerMethodInvoker invoker) {
        switch (kind) {
            case OPEN -> open.add(invoker);
            case CLOSE -> close.add(invoker);
            case ERROR -> error.add(invoker);
            case MESSAGE -> {
                if (messageType == MessageType.TEXT) {
                    text = unique(text, invoker, "text");
                } else {
                    binary = unique(binary, invoker, "binary");
                }
            }
        }
    }

    MethodEndpointHandler toHandler() {
        return new MethodEndpointHandler(endpoint, open, text, binary, close, error);
    }

    private HandlerMethodInvoker unique(HandlerMethodInvoker existing, HandlerMethodInvoker added, String type) {
        if (existing != null) {
            throw new WsHandlerDefinitionException("endpoint '" + endpoint + "' has two @WsHandler methods for " + type
                    + " messages: " + existing + " and " + added,
                    "Keep one " + type + " handler per endpoint (a JSON-typed parameter counts as text) and dispatch"
                            + " inside it.");
        }
        return added;
    }
}
