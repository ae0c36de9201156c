package io.wsstack.test;

import java.util.List;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Adds a {@link WsTestClient} bean to the context of every {@code @SpringBootTest} that starts the
 * embedded server ({@code RANDOM_PORT} or {@code DEFINED_PORT}); a test with a mock or no web
 * environment has no port to reach and gets none. Registered in {@code META-INF/spring.factories}.
 */
final class WsTestClientContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        MergedAnnotation<SpringBootTest> test = MergedAnnotations
                .from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).get(SpringBootTest.class);
        if (!test.isPresent()) {
            return null;
        }
        SpringBootTest.WebEnvironment environment = test.getEnum("webEnvironment", SpringBootTest.WebEnvironment.class);
        return environment.isEmbedded() ? new WsTestClientContextCustomizer() : null;
    }
}
