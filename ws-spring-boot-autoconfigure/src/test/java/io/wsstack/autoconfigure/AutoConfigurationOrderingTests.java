package io.wsstack.autoconfigure;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our auto-configurations order themselves by class reference, as Spring Boot's own modules do:
 * a renamed or moved class then breaks the build instead of silently dropping the ordering.
 * Names as strings remain only for classes of modules this one does not compile against.
 */
class AutoConfigurationOrderingTests {

    @Test
    @DisplayName("No auto-configuration names a class of ours, or one on the compile class path, by string in afterName/beforeName")
    void orderingByClassReference() throws Exception {
        List<String> byName = new ArrayList<>();
        for (String candidate : ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())) {
            if (!candidate.startsWith("io.wsstack.")) {
                continue;
            }
            AutoConfiguration annotation = Class.forName(candidate).getAnnotation(AutoConfiguration.class);
            Stream.concat(Stream.of(annotation.afterName()), Stream.of(annotation.beforeName()))
                    .filter(name -> name.startsWith("io.wsstack.") || onCompileClassPath(name))
                    .forEach(name -> byName.add(candidate + " -> " + name));
        }
        assertThat(byName).isEmpty();
    }

    /** Classes of modules this one depends on (optionally) for compilation: Boot's core and its health module. */
    private static boolean onCompileClassPath(String name) {
        return name.startsWith("org.springframework.boot.autoconfigure.")
                || name.startsWith("org.springframework.boot.health.");
    }
}
