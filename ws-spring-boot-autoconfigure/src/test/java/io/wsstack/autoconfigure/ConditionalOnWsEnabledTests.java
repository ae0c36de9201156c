package io.wsstack.autoconfigure;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared switch other auto-configurations (the transport's) put on themselves. */
class ConditionalOnWsEnabledTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SwitchedConfiguration.class);

    @Test
    @DisplayName("matches when ws.enabled is not set")
    void matchesWhenMissing() {
        runner.run(context -> assertThat(context).hasSingleBean(Marker.class));
    }

    @Test
    @DisplayName("matches when ws.enabled=true")
    void matchesWhenTrue() {
        runner.withPropertyValues("ws.enabled=true").run(context -> assertThat(context).hasSingleBean(Marker.class));
    }

    @Test
    @DisplayName("does not match when ws.enabled=false")
    void doesNotMatchWhenFalse() {
        runner.withPropertyValues("ws.enabled=false").run(context -> assertThat(context).doesNotHaveBean(Marker.class));
    }

    static final class Marker {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWsEnabled
    static class SwitchedConfiguration {

        @Bean
        Marker marker() {
            return new Marker();
        }
    }
}
