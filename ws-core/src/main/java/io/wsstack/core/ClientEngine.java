package io.wsstack.core;

import io.wsstack.core.deflate.ClientDeflateNegotiator;
import io.wsstack.core.deflate.DeflateNegotiationException;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.handshake.ClientHandshake;
import io.wsstack.core.handshake.ClientHandshakeResult;
import io.wsstack.core.handshake.HandshakeFailedException;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The client end of a WebSocket connection without I/O: it writes the upgrade request, checks
 * the server's answer, turns messages into masked frames and frames back into messages. The caller
 * moves the bytes over whatever socket it has.
 *
 * <pre>{@code
 * ClientEngine client = new ClientEngine();
 * client.requestPerMessageDeflate(DeflateOptions.defaults());
 * byte[] request = client.createHandshake("example.com", "/chat").addProtocol("chat").build();
 * // write request, read the response head (and maybe frames after it)
 * client.validateHandshakeResponse(responseBytes);
 * byte[] frame = client.sendText("Hello");            // write it
 * WebSocketMessage m = client.processFrame(received); // null until a whole message is there
 * }</pre>
 *
 * <p>Not thread-safe. Compression, when the server accepts it, is switched on by
 * {@link #validateHandshakeResponse}: from then on {@code sendText}/{@code sendBinary} compress
 * and {@code processFrame} inflates.
 */
public final class ClientEngine extends PlainEngine {

    private ClientDeflateNegotiator deflateNegotiator;
    private ClientUpgrade upgrade;
    private ClientHandshakeResult result;
    private NegotiatedDeflate negotiatedDeflate;

    /** A client with the default limits and secure random masking keys. */
    public ClientEngine() {
        this(ConnectionSettings.DEFAULTS, MaskKeySource.secureRandom());
    }

    /** A client with these limits and this source of masking keys (fixed keys make output reproducible in tests). */
    public ClientEngine(ConnectionSettings settings, MaskKeySource maskKeys) {
        super(Role.CLIENT, settings, maskKeys);
    }

    /** Starts an upgrade request for {@code host} (optionally {@code host:port}) and a path with optional query. */
    public Handshake createHandshake(String host, String pathAndQuery) {
        return new Handshake(ClientHandshake.builder(host, pathAndQuery));
    }

    /**
     * Asks for permessage-deflate (RFC 7692) with these options; call before
     * {@link Handshake#build()}. The offer goes into the request's {@code Sec-WebSocket-Extensions}.
     */
    public void requestPerMessageDeflate(DeflateOptions options) {
        if (upgrade != null) {
            throw new IllegalStateException("request compression before building the handshake");
        }
        deflateNegotiator = new ClientDeflateNegotiator(options);
    }

    /**
     * Checks the server's response to the upgrade request (RFC 6455 §4.1) and opens the connection.
     * Bytes after the response head — frames the server sent in the same segment — are processed
     * at once; take the messages with {@code processFrame(new byte[0])}.
     *
     * @throws HandshakeFailedException    naming the rule the response broke
     * @throws DeflateNegotiationException when the server's permessage-deflate parameters are not acceptable
     * @throws IllegalArgumentException    when the bytes do not hold a complete response head
     */
    public void validateHandshakeResponse(byte[] response) {
        ByteBuffer buffer = ByteBuffer.wrap(response);
        if (!validateHandshakeResponse(buffer)) {
            throw new IllegalArgumentException("the response head is incomplete");
        }
        if (buffer.hasRemaining()) {
            connection().receive(buffer);
        }
    }

    /**
     * Reads response bytes; returns {@code false} while the head is incomplete (all bytes consumed).
     * On success the buffer is left just past the head: hand what remains to {@link #processFrame}.
     */
    public boolean validateHandshakeResponse(ByteBuffer response) {
        if (upgrade == null) {
            throw new IllegalStateException("build the handshake request first");
        }
        ClientUpgrade.Accepted accepted = upgrade.validate(response);
        if (accepted == null) {
            return false;
        }
        result = accepted.handshake();
        negotiatedDeflate = accepted.deflate();
        open(accepted.newCompression());
        return true;
    }

    /** The subprotocol the server selected, or {@code null} when none was. */
    public String getAcceptedProtocol() {
        return result == null ? null : result.acceptedProtocol();
    }

    /** The extensions the server accepted, as it wrote them. */
    public List<ExtensionOffer> acceptedExtensions() {
        return result == null ? List.of() : result.acceptedExtensions();
    }

    /** Whether the server accepted permessage-deflate. */
    public boolean compressionAccepted() {
        return negotiatedDeflate != null;
    }

    /** The agreed permessage-deflate parameters, or {@code null}. */
    public NegotiatedDeflate negotiatedDeflate() {
        return negotiatedDeflate;
    }

    /**
     * Confirms that compression is in use. It is already on: once the server accepted it, the
     * server may send compressed frames at any time, so the engine turns it on during validation.
     *
     * @throws IllegalStateException when the server did not accept permessage-deflate
     */
    public void enablePerMessageDeflate() {
        if (negotiatedDeflate == null) {
            throw new IllegalStateException("the server did not accept permessage-deflate");
        }
    }

    /** One upgrade request being put together. */
    public final class Handshake {
        private final ClientHandshake.Builder builder;

        private Handshake(ClientHandshake.Builder builder) {
            this.builder = builder;
        }

        /** Offers a subprotocol; call in order of preference. */
        public Handshake addProtocol(String protocol) {
            builder.addProtocol(protocol);
            return this;
        }

        /** Adds a header such as {@code Origin}, {@code Authorization} or {@code Cookie}. */
        public Handshake header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        /** Uses this source of key randomness instead of {@code SecureRandom}. */
        public Handshake keySource(ClientHandshake.KeySource keySource) {
            builder.keySource(keySource);
            return this;
        }

        /** Renders the request with a fresh key; remembers it to check the response. */
        public byte[] build() {
            upgrade = ClientUpgrade.start(builder, deflateNegotiator);
            return upgrade.request().bytes();
        }
    }
}
