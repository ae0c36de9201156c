package io.wsstack.spring.handler;

import java.nio.ByteBuffer;
import java.util.List;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsSession;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@link WsEndpointHandler} of one endpoint whose events go to annotated methods: every
 * {@code @WsOnOpen} method on open, the text or binary {@code @WsHandler} method per message,
 * every {@code @WsOnClose} method on close and the matching {@code @WsOnError} methods on error.
 */
final class MethodEndpointHandler implements WsEndpointHandler {

    private static final Log logger = LogFactory.getLog(MethodEndpointHandler.class);

    private final String endpoint;
    private final HandlerMethodInvoker[] openMethods;
    private final HandlerMethodInvoker textMethod;
    private final HandlerMethodInvoker binaryMethod;
    private final HandlerMethodInvoker[] closeMethods;
    private final HandlerMethodInvoker[] errorMethods;

    MethodEndpointHandler(String endpoint, List<HandlerMethodInvoker> openMethods, HandlerMethodInvoker textMethod,
            HandlerMethodInvoker binaryMethod, List<HandlerMethodInvoker> closeMethods,
            List<HandlerMethodInvoker> errorMethods) {
        this.endpoint = endpoint;
        this.openMethods = openMethods.toArray(HandlerMethodInvoker[]::new);
        this.textMethod = textMethod;
        this.binaryMethod = binaryMethod;
        this.closeMethods = closeMethods.toArray(HandlerMethodInvoker[]::new);
        this.errorMethods = errorMethods.toArray(HandlerMethodInvoker[]::new);
    }

    @Override
    public void onOpen(WsSession session) throws Exception {
        for (HandlerMethodInvoker method : openMethods) {
            method.invoke(session, null);
        }
    }

    /** @throws WsUnsupportedMessageException (1003) when the endpoint has no text handler */
    @Override
    public void onText(WsSession session, String text) throws Exception {
        if (textMethod == null) {
            throw new WsUnsupportedMessageException("endpoint '" + endpoint + "' does not accept text messages");
        }
        textMethod.invoke(session, text);
    }

    /** @throws WsUnsupportedMessageException (1003) when the endpoint has no binary handler */
    @Override
    public void onBinary(WsSession session, ByteBuffer data) throws Exception {
        if (binaryMethod == null) {
            throw new WsUnsupportedMessageException("endpoint '" + endpoint + "' does not accept binary messages");
        }
        binaryMethod.invoke(session, data);
    }

    @Override
    public void onClose(WsSession session, WsCloseStatus status) throws Exception {
        for (HandlerMethodInvoker method : closeMethods) {
            method.invoke(session, status);
        }
    }

    /** Calls each {@code @WsOnError} method that accepts the error; one that throws is logged, the others still run. */
    @Override
    public void onError(WsSession session, Throwable error) {
        for (HandlerMethodInvoker method : errorMethods) {
            if (!method.accepts(error)) {
                continue;
            }
            try {
                method.invoke(session, error);
            } catch (Exception | LinkageError ex) {
                logger.warn("@WsOnError method " + method + " of endpoint '" + endpoint + "' failed", ex);
            }
        }
    }

    @Override
    public String toString() {
        return "MethodEndpointHandler[" + endpoint + "]";
    }
}
