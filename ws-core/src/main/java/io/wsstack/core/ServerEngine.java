package io.wsstack.core;

import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.handshake.HandshakeRejectedException;
import io.wsstack.core.handshake.HandshakeRequest;
import io.wsstack.core.handshake.HttpHeadParser;
import io.wsstack.core.handshake.HttpHeaders;
import io.wsstack.core.handshake.MalformedHttpHeadException;
import io.wsstack.core.handshake.ServerHandshake;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The server end of a WebSocket connection without I/O: it reads the upgrade request, picks a
 * subprotocol, answers 101, and then turns frames into messages and messages into unmasked frames.
 *
 * <pre>{@code
 * ServerEngine server = new ServerEngine();
 * ServerHandshake handshake = server.parseHandshake(requestBytes);   // 400/426 as HandshakeRejectedException
 * if (handshake.requestedProtocols().contains("chat")) server.selectProtocol("chat");
 * byte[] response = server.acceptHandshake(handshake);              // write the 101
 * WebSocketMessage m = server.processFrame(received);
 * byte[] reply = server.sendText("Response");
 * }</pre>
 *
 * <p>Not thread-safe; one instance per connection. A refused handshake is answered with
 * {@link HandshakeRejectedException#toResponseBytes()}, which carries {@code Connection: close}.
 */
public final class ServerEngine extends PlainEngine {

    private final HttpHeadParser headParser = new HttpHeadParser();
    private ServerDeflateNegotiator deflateNegotiator;
    private String selectedProtocol;
    private NegotiatedDeflate negotiatedDeflate;

    /** A server with the default limits. */
    public ServerEngine() {
        this(ConnectionSettings.DEFAULTS);
    }

    /** A server with these limits (frame, message and fragment sizes). */
    public ServerEngine(ConnectionSettings settings) {
        super(Role.SERVER, settings, null);
    }

    /** Accepts permessage-deflate offers (RFC 7692) with these options. */
    public void enablePerMessageDeflate(DeflateOptions options) {
        enablePerMessageDeflate(new ServerDeflateNegotiator(options));
    }

    /** Accepts permessage-deflate offers through a negotiator shared with other connections (shared mode pools). */
    public void enablePerMessageDeflate(ServerDeflateNegotiator negotiator) {
        if (isOpen()) {
            throw new IllegalStateException("enable compression before accepting the handshake");
        }
        deflateNegotiator = negotiator;
    }

    /**
     * Parses and checks a complete upgrade request (RFC 6455 §4.2.1).
     *
     * @throws HandshakeRejectedException with status 400, or 426 for an unsupported version
     * @throws IllegalArgumentException   when the bytes do not hold a complete request head
     */
    public ServerHandshake parseHandshake(byte[] request) {
        ServerHandshake handshake = parseHandshake(ByteBuffer.wrap(request));
        if (handshake == null) {
            throw new IllegalArgumentException("the request head is incomplete");
        }
        return handshake;
    }

    /**
     * Reads request bytes as they arrive; returns {@code null} while the head is incomplete.
     *
     * @throws HandshakeRejectedException with the status to answer
     */
    public ServerHandshake parseHandshake(ByteBuffer request) {
        HandshakeRequest head;
        try {
            head = headParser.parseRequest(request);
        } catch (MalformedHttpHeadException e) {
            throw new HandshakeRejectedException(e.httpStatus(), e.getMessage());
        }
        return head == null ? null : ServerHandshake.parse(head);
    }

    /** Chooses the subprotocol to confirm; it must be one the client requested. */
    public void selectProtocol(String protocol) {
        selectedProtocol = protocol;
    }

    /**
     * Builds the 101 response, negotiating permessage-deflate when enabled, and opens the connection.
     *
     * @throws IllegalArgumentException when the selected protocol was not requested by the client
     */
    public byte[] acceptHandshake(ServerHandshake handshake) {
        if (selectedProtocol != null && !handshake.requestedProtocols().contains(selectedProtocol)) {
            throw new IllegalArgumentException("the client did not request subprotocol " + selectedProtocol);
        }
        negotiatedDeflate = deflateNegotiator == null ? null
                : deflateNegotiator.negotiate(handshake.extensionOffers()).orElse(null);
        List<ExtensionOffer> accepted = negotiatedDeflate == null ? List.of() : List.of(negotiatedDeflate.responseElement());
        byte[] response = handshake.accept(selectedProtocol, accepted, new HttpHeaders()).toBytes();
        open(negotiatedDeflate == null ? null : negotiatedDeflate.newCompression(Role.SERVER));
        return response;
    }

    /** The selected subprotocol, or {@code null}. */
    public String selectedProtocol() {
        return selectedProtocol;
    }

    /** Whether permessage-deflate was agreed in {@link #acceptHandshake}. */
    public boolean compressionAccepted() {
        return negotiatedDeflate != null;
    }
}
