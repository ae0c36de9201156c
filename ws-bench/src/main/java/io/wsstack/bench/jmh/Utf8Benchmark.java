package io.wsstack.bench.jmh;

import io.wsstack.core.internal.utf8.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * UTF-8 validation of a text message (RFC 6455 §8.1) with our incremental {@link Utf8Validator},
 * against what the JDK offers: {@code new String(bytes, UTF_8)} (intrinsified, but it decodes and
 * replaces rather than rejects) and a reusable strict {@link CharsetDecoder} (rejects, as we must).
 * Only ours can resume across chunk boundaries.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Utf8Benchmark {

    @Param({"ascii", "mixed"})
    public String text;

    @Param({"1024", "65536"})
    public int size;

    private byte[] bytes;
    private final Utf8Validator validator = new Utf8Validator();
    private CharsetDecoder decoder;
    private CharBuffer chars;

    @Setup
    public void setUp() {
        bytes = text.equals("ascii") ? Payloads.asciiText(size) : Payloads.mixedText(size);
        decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        chars = CharBuffer.allocate(bytes.length);
    }

    /** Ours: validate, then require the text to end on a character boundary. */
    @Benchmark
    public boolean validate() {
        validator.validate(bytes, 0, bytes.length);
        validator.finish();
        return true;
    }

    /** JDK: decode into a new String (replacing, not rejecting, malformed input). */
    @Benchmark
    public String jdkNewString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** JDK: strict decoding into a reused buffer. */
    @Benchmark
    public CoderResult jdkCharsetDecoder() {
        decoder.reset();
        chars.clear();
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), chars, true);
        if (result.isError()) {
            throw new IllegalStateException("benchmark text is valid UTF-8");
        }
        return result;
    }
}
