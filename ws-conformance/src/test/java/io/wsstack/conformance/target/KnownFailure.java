package io.wsstack.conformance.target;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a strict case that one target is known to fail, with the reason, so that the failure is
 * recorded next to the case (and in CONFORMANCE.md) instead of turning every build red. The case
 * still runs on every other target; {@code -Dconformance.knownFailures=run} runs it on the failing
 * target too, to reproduce the failure or to check a fix.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(KnownFailure.List.class)
public @interface KnownFailure {

    /** The {@link EchoTarget#name()} that fails the case. */
    String target();

    /** What happens instead of the strict outcome, and where it comes from. */
    String reason();

    /** Several known failures on one case. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        KnownFailure[] value();
    }
}
