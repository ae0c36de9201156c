package io.wsstack.spring.client;

import io.wsstack.client.Disconnect;
import io.wsstack.client.ReconnectListener;
import io.wsstack.client.WsClientSession;
import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsEndpointHandler;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Delivers one client endpoint's events to its {@code @WsHandler} methods with the server's rules: a
 * method that throws closes the connection with the exception's own code when it is a
 * {@link WebSocketProtocolException} (1007 for a message that does not decode, 1003 for an unsupported
 * type), 1011 otherwise, and then {@code @WsOnError} methods hear it. {@code @WsOnOpen} runs after every
 * (re)connect, {@code @WsOnClose} after every connection's end.
 */
final class ClientEndpointListener implements ReconnectListener {

    private static final Log log = LogFactory.getLog(ClientEndpointListener.class);

    private final String endpoint;
    private final WsEndpointHandler handler;
    private final ClientEndpointObserver observer;
    private volatile ClientWsSession session;
    private volatile boolean connectedBefore;

    ClientEndpointListener(String endpoint, WsEndpointHandler handler, ClientEndpointObserver observer) {
        this.endpoint = endpoint;
        this.handler = handler;
        this.observer = observer;
    }

    /** The session the handlers see; set before the first connection can open. */
    void bind(ClientWsSession session) {
        this.session = session;
    }

    @Override
    public void onOpen(WsClientSession connection) {
        ClientWsSession s = session;
        s.connected(connection);
        observer.connected(endpoint, connectedBefore);
        connectedBefore = true;
        call(connection, () -> handler.onOpen(s));
    }

    @Override
    public void onText(WsClientSession connection, String text) {
        observer.received(endpoint);
        call(connection, () -> handler.onText(session, text));
    }

    @Override
    public void onBinary(WsClientSession connection, ByteBuffer data) {
        observer.received(endpoint);
        call(connection, () -> handler.onBinary(session, data));
    }

    @Override
    public void onPong(WsClientSession connection, ByteBuffer payload) {
        call(connection, () -> handler.onPong(session, payload));
    }

    @Override
    public void onError(WsClientSession connection, Throwable error) {
        report(error);
    }

    @Override
    public void onClose(WsClientSession connection, int code, String reason) {
        observer.disconnected(endpoint, code);
        try {
            handler.onClose(session, new WsCloseStatus(code, reason));
        } catch (Exception | LinkageError e) {
            log.warn("@WsOnClose of client endpoint '" + endpoint + "' failed", e);
        }
    }

    @Override
    public void onReconnectScheduled(Disconnect cause, int attempt, Duration delay) {
        if (log.isInfoEnabled()) {
            log.info("Client endpoint '" + endpoint + "' lost its connection (" + describe(cause) + "); attempt "
                    + attempt + " in " + delay.toMillis() + " ms");
        }
    }

    @Override
    public void onGaveUp(Disconnect cause) {
        log.warn("Client endpoint '" + endpoint + "' stopped connecting: " + describe(cause));
    }

    private static String describe(Disconnect cause) {
        if (cause.wasOpen()) {
            return "closed " + cause.closeCode() + (cause.reason().isEmpty() ? "" : " " + cause.reason());
        }
        return cause.handshakeStatus() != -1 ? "answered " + cause.handshakeStatus() : String.valueOf(cause.error());
    }

    /** A handler call; on failure closes the connection with the matching code and tells the error handlers. */
    private void call(WsClientSession connection, HandlerCall call) {
        try {
            call.run();
        } catch (Throwable failure) {
            int code = failure instanceof WebSocketProtocolException wpe && CloseCodes.isValidOnWire(wpe.closeCode())
                    ? wpe.closeCode() : CloseCodes.INTERNAL_ERROR;
            if (log.isDebugEnabled()) {
                log.debug("Handler of client endpoint '" + endpoint + "' failed; closing with " + code, failure);
            }
            connection.close(code, "");
            report(failure);
            if (failure instanceof VirtualMachineError vme) {
                throw vme;
            }
        }
    }

    private void report(Throwable error) {
        try {
            handler.onError(session, error);
        } catch (RuntimeException e) {
            log.warn("@WsOnError of client endpoint '" + endpoint + "' threw; ignored", e);
        }
    }

    @FunctionalInterface
    private interface HandlerCall {
        void run() throws Exception;
    }
}
