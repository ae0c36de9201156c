package io.wsstack.core.deflate;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;

/**
 * The system's zlib ({@code libz.so.1}) called through the FFM API, final since Java 22. Unlike
 * java.util.zip it lets a compressor choose its window (2<sup>9</sup>–2<sup>15</sup> bytes) and memory
 * level (1–9), which is what shrinks a compressed connection from ~300 KiB to a few KiB.
 *
 * <p>This file is compiled with {@code --release 22} into the same classes directory as the rest of
 * ws-core and is only loaded by {@link Zlib} on Java 22+, through {@link #load()}. Loading checks what
 * could make calls unsafe and throws instead of returning a binding:
 * <ul>
 *   <li>the C {@code long} must be 8 bytes (LP64: Linux and macOS on x86_64/aarch64), since the
 *       {@code z_stream} offsets in {@link ZStream} assume it;</li>
 *   <li>{@code deflateInit2_}/{@code inflateInit2_} receive {@code sizeof(z_stream)} = 112 and the
 *       library's own version string, so a zlib whose struct differs answers {@code Z_VERSION_ERROR};</li>
 *   <li>a self-check compresses and inflates a sample at every window size, including the 8→9 case
 *       described in {@link ServerDeflateNegotiator}.</li>
 * </ul>
 */
public final class FfmZlib implements ZlibBinding {

    static final int Z_OK = 0;
    static final int Z_STREAM_END = 1;
    static final int Z_NEED_DICT = 2;
    static final int Z_STREAM_ERROR = -2;
    static final int Z_DATA_ERROR = -3;
    static final int Z_MEM_ERROR = -4;
    static final int Z_BUF_ERROR = -5;
    static final int Z_VERSION_ERROR = -6;
    static final int Z_NO_FLUSH = 0;
    static final int Z_SYNC_FLUSH = 2;
    static final int Z_DEFLATED = 8;
    static final int Z_DEFAULT_STRATEGY = 0;

    final MethodHandle deflateInit2;
    final MethodHandle deflate;
    final MethodHandle deflateReset;
    final MethodHandle deflateEnd;
    final MethodHandle inflateInit2;
    final MethodHandle inflate;
    final MethodHandle inflateReset;
    final MethodHandle inflateEnd;
    /** {@code deflateSetDictionary} and friends, null when this zlib lacks one (before 1.2.9). */
    final MethodHandle deflateSetDictionary;
    final MethodHandle deflateGetDictionary;
    final MethodHandle inflateSetDictionary;
    final MethodHandle inflateGetDictionary;
    /** The library's own version string (zlibVersion()), handed to the init functions. */
    final MemorySegment version;
    private final String description;

    private FfmZlib(SymbolLookup lib) throws Throwable {
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor streamOnly = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        FunctionDescriptor streamAndInt = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
        this.deflateInit2 = linker.downcallHandle(find(lib, "deflateInit2_"), FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        this.deflate = linker.downcallHandle(find(lib, "deflate"), streamAndInt);
        this.deflateReset = linker.downcallHandle(find(lib, "deflateReset"), streamOnly);
        this.deflateEnd = linker.downcallHandle(find(lib, "deflateEnd"), streamOnly);
        this.inflateInit2 = linker.downcallHandle(find(lib, "inflateInit2_"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
        this.inflate = linker.downcallHandle(find(lib, "inflate"), streamAndInt);
        this.inflateReset = linker.downcallHandle(find(lib, "inflateReset"), streamOnly);
        this.inflateEnd = linker.downcallHandle(find(lib, "inflateEnd"), streamOnly);
        FunctionDescriptor setDictionary = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
        FunctionDescriptor getDictionary = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        MethodHandle dSet = optional(linker, lib, "deflateSetDictionary", setDictionary);
        MethodHandle dGet = optional(linker, lib, "deflateGetDictionary", getDictionary);
        MethodHandle iSet = optional(linker, lib, "inflateSetDictionary", setDictionary);
        MethodHandle iGet = optional(linker, lib, "inflateGetDictionary", getDictionary);
        boolean all = dSet != null && dGet != null && iSet != null && iGet != null;
        this.deflateSetDictionary = all ? dSet : null;
        this.deflateGetDictionary = all ? dGet : null;
        this.inflateSetDictionary = all ? iSet : null;
        this.inflateGetDictionary = all ? iGet : null;
        MethodHandle zlibVersion = linker.downcallHandle(find(lib, "zlibVersion"), FunctionDescriptor.of(ADDRESS));
        // A static string inside the library, which stays loaded for the JVM's life (global arena).
        this.version = ((MemorySegment) zlibVersion.invokeExact()).reinterpret(64);
        this.description = "zlib " + version.getString(0) + " (FFM)";
    }

    /**
     * Loads and checks the system's zlib.
     *
     * @throws Throwable anything that makes the binding unusable; {@link Zlib} logs it and falls back
     */
    public static FfmZlib load() throws Throwable {
        long cLong = Linker.nativeLinker().canonicalLayouts().get("long").byteSize();
        if (cLong != 8 || ValueLayout.ADDRESS.byteSize() != 8) {
            throw new UnsupportedOperationException("z_stream layout assumes LP64, C long here is " + cLong + " bytes");
        }
        FfmZlib zlib = new FfmZlib(openLibrary());
        zlib.selfCheck();
        return zlib;
    }

    /** System property naming the zlib shared library to load instead of the platform's default. */
    static final String LIBRARY_PROPERTY = "wsstack.deflate.zlib.library";

    private static SymbolLookup openLibrary() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String name = System.getProperty(LIBRARY_PROPERTY, os.contains("mac") ? "libz.1.dylib" : "libz.so.1");
        // Global arena: the library stays mapped for the JVM's life, as every stream may call it.
        return SymbolLookup.libraryLookup(name, Arena.global());
    }

    private static MethodHandle optional(Linker linker, SymbolLookup lib, String symbol, FunctionDescriptor descriptor) {
        return lib.find(symbol).map(address -> linker.downcallHandle(address, descriptor)).orElse(null);
    }

    private static MemorySegment find(SymbolLookup lib, String symbol) {
        return lib.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError("zlib has no symbol " + symbol));
    }

    /** One zlib function applied to one stream, answering zlib's status code. */
    @FunctionalInterface
    interface StreamCall {
        int invoke() throws Throwable;
    }

    /**
     * Runs {@code call} and returns zlib's status code. A downcall declares {@code Throwable}, but
     * zlib itself never throws: anything other than an unchecked exception or an error means the
     * binding is broken, and is rethrown as {@link IllegalStateException} naming {@code function}.
     */
    static int call(String function, StreamCall call) {
        try {
            return call.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("zlib " + function + " failed", t);
        }
    }

    /** Runs {@code call} like {@link #call} and requires {@link #Z_OK}: init and reset must not fail quietly. */
    static void requireOk(String function, StreamCall call) {
        int rc = call(function, call);
        if (rc != Z_OK) {
            throw new IllegalStateException("zlib " + function + " returned " + rc
                    + (rc == Z_VERSION_ERROR ? " (z_stream size or version mismatch)" : ""));
        }
    }

    @Override
    public RawDeflater newDeflater(int level, int windowBits, int memoryLevel) {
        return new FfmDeflater(this, level, windowBits, memoryLevel);
    }

    @Override
    public RawInflater newInflater(int windowBits) {
        return new FfmInflater(this, windowBits);
    }

    @Override
    public boolean choosesWindow() {
        return true;
    }

    @Override
    public boolean carriesWindows() {
        return deflateGetDictionary != null;
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * Round-trips a mixed sample with context takeover at every window size, compressing at
     * {@code max(bits, 9)} and inflating at {@code bits}: a 256-byte-window inflater must read what
     * a 9-bit deflater writes (zlib never emits a distance above 512 - 262 = 250 bytes). Inflating
     * through a 64-byte output array makes the inflater use its own window for back references.
     */
    private void selfCheck() throws DataFormatException {
        byte[] sample = sample();
        for (int bits = DeflateOptions.MIN_WINDOW_BITS; bits <= DeflateOptions.MAX_WINDOW_BITS; bits++) {
            RawDeflater d = newDeflater(-1, Math.max(bits, 9), 1);
            RawInflater i = newInflater(bits);
            try {
                for (int message = 0; message < 3; message++) {
                    byte[] out = new byte[sample.length * 2 + 64];
                    int n = d.deflate(ByteBuffer.wrap(sample), out, 0, out.length);
                    ByteBuffer in = ByteBuffer.wrap(out, 0, n);
                    byte[] back = new byte[sample.length];
                    int got = 0;
                    while (got < back.length) {
                        int k = i.inflate(in, back, got, Math.min(64, back.length - got));
                        if (k == 0) {
                            throw new IllegalStateException("inflate stalled at window " + bits);
                        }
                        got += k;
                    }
                    if (!Arrays.equals(sample, back)) {
                        throw new IllegalStateException("self-check round trip differs at window " + bits);
                    }
                }
            } finally {
                d.end();
                i.end();
            }
        }
    }

    private static byte[] sample() {
        Random random = new Random(7);
        byte[] b = new byte[6000];
        String words = "permessage-deflate window zlib {\"id\":42,\"name\":\"user\"} ";
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 1000 < 700 ? (byte) words.charAt((i * 7 + i / 50) % words.length()) : (byte) random.nextInt(16);
        }
        return b;
    }
}
