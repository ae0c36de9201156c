package io.wsstack.core.deflate;

import io.wsstack.core.Role;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.MessageCompression;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/** Builds codec pairs through a real negotiation, and small compress/inflate helpers. */
final class Codecs {

    private Codecs() {
    }

    /** The two ends of one connection, negotiated with header strings as on the wire. */
    record Pair(ClientDeflateNegotiator clientNegotiator, ServerDeflateNegotiator serverNegotiator,
                NegotiatedDeflate serverSide, NegotiatedDeflate clientSide,
                MessageCompression server, MessageCompression client) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            client.close();
            serverNegotiator.close();
            clientNegotiator.close();
        }
    }

    static Pair negotiate(DeflateOptions clientOptions, DeflateOptions serverOptions) {
        ClientDeflateNegotiator clientNegotiator = new ClientDeflateNegotiator(clientOptions);
        ServerDeflateNegotiator serverNegotiator = new ServerDeflateNegotiator(serverOptions);
        String request = ExtensionOffer.toHeaderValue(clientNegotiator.offers());
        NegotiatedDeflate serverSide = serverNegotiator.negotiate(ExtensionHeaderParser.parseLenient(request))
                .orElseThrow();
        String response = serverSide.responseElement().toHeaderValue();
        NegotiatedDeflate clientSide = clientNegotiator.accept(ExtensionHeaderParser.parseStrict(response))
                .orElseThrow();
        return new Pair(clientNegotiator, serverNegotiator, serverSide, clientSide,
                serverSide.newCompression(Role.SERVER), clientSide.newCompression(Role.CLIENT));
    }

    /** Compresses a whole message in one piece. */
    static byte[] compress(MessageCompression codec, byte[] message) {
        return toArray(codec.compress(ByteBuffer.wrap(message), true));
    }

    /** Inflates one message given as compressed chunks. */
    static byte[] inflate(MessageCompression codec, List<byte[]> chunks) {
        CollectingSink sink = new CollectingSink(Long.MAX_VALUE / 2);
        for (byte[] chunk : chunks) {
            codec.decompress(ByteBuffer.wrap(chunk), sink);
        }
        codec.finishDecompression(sink);
        return sink.takeMessage();
    }

    static byte[] toArray(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        return b;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
