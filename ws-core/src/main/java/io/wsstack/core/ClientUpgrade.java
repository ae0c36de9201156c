package io.wsstack.core;

import io.wsstack.core.deflate.ClientDeflateNegotiator;
import io.wsstack.core.deflate.DeflateNegotiationException;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.handshake.ClientHandshake;
import io.wsstack.core.handshake.ClientHandshakeRequest;
import io.wsstack.core.handshake.ClientHandshakeResult;
import io.wsstack.core.handshake.HandshakeFailedException;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One client upgrade attempt from request to open {@link Connection}: the opening handshake of
 * RFC 6455 §4.1 together with the permessage-deflate negotiation of RFC 7692 §5. It is the glue that
 * both the plain {@link ClientEngine} and a client with real I/O need, so that neither repeats it.
 *
 * <pre>{@code
 * ClientUpgrade upgrade = ClientUpgrade.start(ClientHandshake.builder(uri).addProtocol("chat"), negotiator);
 * write(upgrade.request().toByteBuffer());
 * ClientUpgrade.Accepted accepted = upgrade.validate(received);   // null until the head is complete
 * Connection connection = accepted.open(settings, maskKeys, listener, sink);
 * connection.receive(received);                                  // frames that followed the 101
 * }</pre>
 *
 * <p>One instance serves one attempt; not thread-safe.
 */
public final class ClientUpgrade {

    private final ClientHandshakeRequest request;
    private final ClientDeflateNegotiator deflate;

    private ClientUpgrade(ClientHandshakeRequest request, ClientDeflateNegotiator deflate) {
        this.request = request;
        this.deflate = deflate;
    }

    /**
     * Adds the permessage-deflate offers (when {@code deflate} is not {@code null}) to the request
     * being built and renders it with a fresh key.
     *
     * @param handshake the request, with subprotocols and extra headers already set
     * @param deflate   the negotiator whose offers to send, or {@code null} to offer no compression
     */
    public static ClientUpgrade start(ClientHandshake.Builder handshake, ClientDeflateNegotiator deflate) {
        Objects.requireNonNull(handshake, "handshake");
        if (deflate != null) {
            deflate.offers().forEach(handshake::addExtensionOffer);
        }
        return new ClientUpgrade(handshake.build(), deflate);
    }

    /** The upgrade request to write. */
    public ClientHandshakeRequest request() {
        return request;
    }

    /**
     * Reads response bytes from the buffer's position. Returns {@code null} while the response head
     * is incomplete (all bytes consumed). The call that completes it leaves the buffer just past the
     * head: the remaining bytes are already WebSocket frames and must go to the connection, in order.
     *
     * @throws HandshakeFailedException    naming the rule of RFC 6455 §4.1 the response broke
     * @throws DeflateNegotiationException when the server's permessage-deflate answer is not acceptable
     *                                     (RFC 7692 §5: the client must then fail the connection)
     */
    public Accepted validate(ByteBuffer response) {
        ClientHandshakeResult result = request.validate(response);
        if (result == null) {
            return null;
        }
        NegotiatedDeflate negotiated = deflate == null ? null
                : deflate.accept(result.acceptedExtensions()).orElse(null);
        return new Accepted(result, negotiated);
    }

    /**
     * A server's accepted answer.
     *
     * @param handshake what the server answered: subprotocol, extensions, headers
     * @param deflate   the agreed permessage-deflate parameters, or {@code null} when not negotiated
     */
    public record Accepted(ClientHandshakeResult handshake, NegotiatedDeflate deflate) {

        public Accepted {
            Objects.requireNonNull(handshake, "handshake");
        }

        /** The negotiated compression for a new client connection, or {@code null} without one. */
        public MessageCompression newCompression() {
            return deflate == null ? null : deflate.newCompression(Role.CLIENT);
        }

        /** Opens the client connection with the negotiated compression (call {@link Connection#release()} when done). */
        public Connection open(ConnectionSettings settings, MaskKeySource maskKeys, WebSocketListener listener,
                FrameSink sink) {
            return new Connection(Role.CLIENT, settings, newCompression(), maskKeys, listener, sink);
        }
    }
}
