package io.wsstack.bench.jmh;

import io.wsstack.core.Role;
import io.wsstack.core.deflate.DeflateMode;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.MessageCompression;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One permessage-deflate round trip (RFC 7692 §7.2): a server compresses a text message and a
 * client inflates it, through our {@link MessageCompression} in {@link DeflateMode#DEDICATED} mode
 * (context takeover, as negotiated by default) and {@link DeflateMode#SHARED} mode (pooled
 * zlib streams, no context takeover). The limits are the same work done directly on
 * {@link Deflater}/{@link Inflater} with {@code SYNC_FLUSH} and reused output arrays, with and
 * without context takeover. Eight different messages rotate so that context takeover helps only as
 * much as it would on similar real messages.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeflateBenchmark {

    private static final int MESSAGES = 8;
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    @Param({"1024", "16384"})
    public int size;

    private final byte[][] messages = new byte[MESSAGES][];
    private int next;
    private ServerDeflateNegotiator dedicatedNegotiator;
    private ServerDeflateNegotiator sharedNegotiator;
    private MessageCompression dedicatedServer;
    private MessageCompression dedicatedClient;
    private MessageCompression sharedServer;
    private MessageCompression sharedClient;
    private final CountingSink sink = new CountingSink();
    private Deflater deflater;
    private Inflater inflater;
    private byte[] compressed;
    private byte[] inflated;

    @Setup
    public void setUp() {
        byte[] text = Payloads.asciiText(size * MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            messages[i] = java.util.Arrays.copyOfRange(text, i * size, (i + 1) * size);
        }
        dedicatedNegotiator = new ServerDeflateNegotiator(DeflateOptions.builder().mode(DeflateMode.DEDICATED).build());
        sharedNegotiator = new ServerDeflateNegotiator(DeflateOptions.builder().mode(DeflateMode.SHARED).build());
        NegotiatedDeflate dedicated = negotiate(dedicatedNegotiator);
        NegotiatedDeflate shared = negotiate(sharedNegotiator);
        dedicatedServer = dedicated.newCompression(Role.SERVER);
        dedicatedClient = dedicated.newCompression(Role.CLIENT);
        sharedServer = shared.newCompression(Role.SERVER);
        sharedClient = shared.newCompression(Role.CLIENT);
        deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        inflater = new Inflater(true);
        compressed = new byte[size * 2 + 64];
        inflated = new byte[size + 64];
    }

    private static NegotiatedDeflate negotiate(ServerDeflateNegotiator negotiator) {
        return negotiator.negotiate(ExtensionHeaderParser.parseLenient("permessage-deflate")).orElseThrow();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dedicatedServer.close();
        dedicatedClient.close();
        sharedServer.close();
        sharedClient.close();
        dedicatedNegotiator.close();
        sharedNegotiator.close();
        deflater.end();
        inflater.end();
    }

    private byte[] nextMessage() {
        next = (next + 1) % MESSAGES;
        return messages[next];
    }

    /** Ours, dedicated mode: each end keeps its zlib stream and its context. */
    @Benchmark
    public long dedicated() {
        return roundTrip(dedicatedServer, dedicatedClient);
    }

    /** Ours, shared mode: each message borrows a zlib stream from a pool and resets it. */
    @Benchmark
    public long shared() {
        return roundTrip(sharedServer, sharedClient);
    }

    private long roundTrip(MessageCompression sender, MessageCompression receiver) {
        ByteBuffer wire = sender.compress(ByteBuffer.wrap(nextMessage()), true);
        sink.count = 0;
        receiver.decompress(wire, sink);
        receiver.finishDecompression(sink);
        return sink.count;
    }

    /** The limit for dedicated mode: raw zlib keeping context across messages. */
    @Benchmark
    public long jdkContextTakeover() throws DataFormatException {
        return rawRoundTrip(false);
    }

    /** The limit for shared mode: raw zlib reset after every message. */
    @Benchmark
    public long jdkNoContextTakeover() throws DataFormatException {
        return rawRoundTrip(true);
    }

    private long rawRoundTrip(boolean reset) throws DataFormatException {
        deflater.setInput(nextMessage());
        int length = 0;
        do {
            length += deflater.deflate(compressed, length, compressed.length - length, Deflater.SYNC_FLUSH);
        } while (length == compressed.length);
        length -= TAIL.length; // RFC 7692 §7.2.1: the sender drops 00 00 ff ff ...
        System.arraycopy(TAIL, 0, compressed, length, TAIL.length); // ... and the receiver puts it back
        inflater.setInput(compressed, 0, length + TAIL.length);
        long total = 0;
        int n;
        while ((n = inflater.inflate(inflated)) > 0) {
            total += n;
        }
        if (reset) {
            deflater.reset();
            inflater.reset();
        }
        return total;
    }

    /** Counts inflated bytes; the message limit is never the point here. */
    private static final class CountingSink implements MessageCompression.InflatedSink {
        long count;

        @Override
        public long remaining() {
            return Long.MAX_VALUE / 2;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
