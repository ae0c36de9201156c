package io.wsstack.core.deflate;

import java.lang.System.Logger.Level;

/**
 * Chooses, once per JVM, which zlib compresses and inflates: the system's zlib through the FFM API
 * ({@code FfmZlib}, compiled separately with {@code --release 22}) when running on Java 22 or later,
 * otherwise {@link JdkZlib}.
 *
 * <p>{@code FfmZlib} is only ever loaded by name after the version check, so a Java 17 JVM never
 * reads its class file and cannot fail with {@code UnsupportedClassVersionError}. Anything that makes
 * the binding unusable on a newer JVM (no {@code libz.so.1}, a {@code z_stream} of another size,
 * native access denied with {@code --illegal-native-access=deny}, a failed self-check) falls back to
 * java.util.zip with one log line that says why.
 *
 * <p>The system property {@value #PROPERTY} = {@code jdk} forces java.util.zip (for comparisons and
 * as an escape hatch); the default {@code auto} prefers the FFM binding.
 * {@code wsstack.deflate.zlib.library} names another zlib shared library than {@code libz.so.1}
 * ({@code libz.1.dylib} on macOS).
 */
final class Zlib {

    /** System property choosing the binding: {@code auto} (default) or {@code jdk}. */
    static final String PROPERTY = "wsstack.deflate.zlib";

    private static final String FFM_CLASS = "io.wsstack.core.deflate.FfmZlib";
    private static final int FFM_FINAL_FEATURE = 22;

    private static final ZlibBinding BINDING = choose();

    private Zlib() {
    }

    /** The binding this JVM uses. */
    static ZlibBinding binding() {
        return BINDING;
    }

    private static ZlibBinding choose() {
        System.Logger log = System.getLogger(Zlib.class.getName());
        if ("jdk".equalsIgnoreCase(System.getProperty(PROPERTY, "auto"))) {
            log.log(Level.INFO, "permessage-deflate uses java.util.zip (" + PROPERTY + "=jdk): 15-bit windows only");
            return JdkZlib.INSTANCE;
        }
        int feature = Runtime.version().feature();
        if (feature < FFM_FINAL_FEATURE) {
            // The normal case on Java 17-21, not a problem worth more than a debug line.
            log.log(Level.DEBUG, "permessage-deflate uses java.util.zip: Java " + feature
                    + " has no final FFM API, so window bits below 15 are declined");
            return JdkZlib.INSTANCE;
        }
        try {
            ZlibBinding ffm = (ZlibBinding) Class.forName(FFM_CLASS).getMethod("load").invoke(null);
            log.log(Level.DEBUG, "permessage-deflate uses " + ffm.description());
            return ffm;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null
                    ? e.getCause() : e;
            log.log(Level.WARNING, "permessage-deflate falls back to java.util.zip (15-bit windows only, about "
                    + "300 KiB per compressed connection): the system zlib is unusable: " + cause);
            return JdkZlib.INSTANCE;
        }
    }
}
