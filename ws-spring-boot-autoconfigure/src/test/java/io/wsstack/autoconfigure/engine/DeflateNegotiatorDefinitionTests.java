package io.wsstack.autoconfigure.engine;

import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.autoconfigure.servlet.WsServletAutoConfiguration;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The permessage-deflate negotiator has exactly one {@code @Bean} method among our
 * auto-configurations (and the classes they import or nest): two definitions of the same type
 * mean that which one wins depends on ordering, and the other one is dead code that looks alive.
 */
class DeflateNegotiatorDefinitionTests {

    @Test
    @DisplayName("RFC 7692: one @Bean method defines the ServerDeflateNegotiator across the auto-configurations")
    void negotiatorDefinedOnce() {
        List<String> definitions = new ArrayList<>();
        Deque<Class<?>> classes = new ArrayDeque<>(List.of(WsAutoConfiguration.class, WsServletAutoConfiguration.class));
        while (!classes.isEmpty()) {
            Class<?> type = classes.pop();
            Import imports = type.getAnnotation(Import.class);
            if (imports != null) {
                classes.addAll(List.of(imports.value()));
            }
            classes.addAll(List.of(type.getDeclaredClasses()));
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Bean.class) && ServerDeflateNegotiator.class.isAssignableFrom(method.getReturnType())) {
                    definitions.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(definitions).hasSize(1);
    }
}
