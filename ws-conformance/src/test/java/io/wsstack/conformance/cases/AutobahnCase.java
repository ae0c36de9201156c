package io.wsstack.conformance.cases;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One Autobahn case, run once per echo target ({@code Targets.forCase}, which leaves out a target
 * named by the case's {@code KnownFailure}) with the target as its
 * parameter (targets are shared, so never closed by JUnit after a case), and tagged {@code conformance} so that {@code -Dgroups=conformance} selects the suite.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}", autoCloseArguments = false)
@MethodSource("io.wsstack.conformance.target.Targets#forCase")
@Tag("conformance")
public @interface AutobahnCase {
}
