package io.wsstack.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Seeded random cases for property-style {@code @ParameterizedTest}s, and the generators they draw from.
 *
 * <pre>{@code
 * @ParameterizedTest(name = RandomCases.NAME)
 * @RandomCases.Seeds(500)
 * void property(long seed) {
 *     Random random = new Random(seed);   // every random choice of the case comes from this
 *     ...
 * }
 * }</pre>
 *
 * <p>Each invocation gets its own seed, shown in its display name ({@code seed=…}), so a failure names the
 * seed that reproduces it: {@code mvn -pl ws-core test -Dtest=Class#method -Dwsstack.seed=<seed>} runs every
 * randomized test with that one seed (one case each). Without that property the seeds are new on every run
 * (like a property-testing tool, each run explores different inputs), derived from a run seed that
 * {@code -Dwsstack.runSeed=<n>} fixes to repeat a whole run.
 */
public final class RandomCases {

    /** Display name for randomized invocations: the seed that reproduces the case. */
    public static final String NAME = "seed={0}";

    /** One case with exactly this seed, instead of {@link Seeds#value()} fresh ones. */
    static final String SEED_PROPERTY = "wsstack.seed";
    /** Fixes the seeds of a whole run. */
    static final String RUN_SEED_PROPERTY = "wsstack.runSeed";

    private static final long RUN_SEED = Long.getLong(RUN_SEED_PROPERTY, new SplittableRandom().nextLong());

    private RandomCases() {
    }

    /** Supplies {@code value} random {@code long} seeds (or the one given by {@code -Dwsstack.seed}). */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ArgumentsSource(SeedsProvider.class)
    @ExtendWith(ReportSeed.class)
    public @interface Seeds {
        /** Number of cases. */
        int value();
    }

    static final class SeedsProvider extends AnnotationBasedArgumentsProvider<Seeds> {
        @Override
        protected Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters,
                                                               ExtensionContext context, Seeds seeds) {
            String fixed = System.getProperty(SEED_PROPERTY);
            if (fixed != null && !fixed.isBlank()) {
                return Stream.of(Arguments.of(Long.parseLong(fixed.trim())));
            }
            // Different tests get different seeds, all determined by the run seed.
            SplittableRandom perTest = new SplittableRandom(RUN_SEED ^ context.getUniqueId().hashCode());
            return LongStream.generate(perTest::nextLong).limit(seeds.value()).mapToObj(Arguments::of);
        }
    }

    /**
     * Puts the seed into the failure message: Maven's reports show the method name and invocation
     * index, not the display name.
     */
    static final class ReportSeed implements TestExecutionExceptionHandler {
        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
            String name = context.getDisplayName();
            String seed = name.startsWith("seed=") ? name.substring("seed=".length()) : name;
            throw new AssertionError("[" + name + ", rerun with -D" + SEED_PROPERTY + "=" + seed + "] "
                    + failure.getMessage(), failure);
        }
    }

    // ---- generators -------------------------------------------------------------------------------

    /**
     * A length in {@code [0, max]}, biased like a property-testing tool's sizes: the edges 0 and
     * {@code max} often, small lengths often, otherwise uniform.
     */
    public static int length(Random random, int max) {
        int pick = random.nextInt(10);
        if (pick == 0) {
            return 0;
        }
        if (pick == 1) {
            return max;
        }
        if (pick < 6) {
            return random.nextInt(Math.min(max, 16) + 1);
        }
        return random.nextInt(max + 1);
    }

    /** Random bytes, any value, of {@link #length(Random, int)} at most {@code maxLength}. */
    public static byte[] bytes(Random random, int maxLength) {
        byte[] bytes = new byte[length(random, maxLength)];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Any Java string of at most {@code maxChars} chars: ASCII, the rest of the BMP, well-formed surrogate
     * pairs (supplementary code points) and lone or reversed surrogates, mixed.
     */
    public static String anyString(Random random, int maxChars) {
        int length = length(random, maxChars);
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            switch (random.nextInt(5)) {
                case 0 -> sb.append((char) random.nextInt(0x80));
                case 1 -> sb.append((char) random.nextInt(0x10000)); // may be a lone surrogate
                case 2 -> sb.append((char) (0xD800 + random.nextInt(0x800))); // lone/stray surrogate
                default -> {
                    if (sb.length() + 2 <= length) {
                        sb.appendCodePoint(0x10000 + random.nextInt(0x100000)); // surrogate pair
                    } else {
                        sb.append((char) random.nextInt(0xD800));
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * Well-formed text of at most {@code maxCodePoints} code points from all planes, supplementary
     * characters included, no surrogates: each code point from one of the ranges U+0000–U+007F,
     * U+0080–U+D7FF, U+E000–U+FFFF, U+10000–U+10FFFF with equal probability.
     */
    public static String validText(Random random, int maxCodePoints) {
        int count = length(random, maxCodePoints);
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.appendCodePoint(switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0xD800 - 0x80);
                case 2 -> 0xE000 + random.nextInt(0x10000 - 0xE000);
                default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
            });
        }
        return sb.toString();
    }

    /** One element of {@code choices}, uniformly. */
    public static <T> T oneOf(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
