package io.wsstack.proxy.autoconfigure;

import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.autoconfigure.cluster.WsClusterAutoConfiguration;
import io.wsstack.autoconfigure.servlet.WsServletAutoConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This module's test class path is an application without Actuator's health support: the
 * starter's auto-configurations must start there without a word about the missing classes (an
 * ordering by class reference to an optional module makes Spring warn at every start-up).
 */
@ExtendWith(OutputCaptureExtension.class)
class OptionalModulesQuietTests {

    @Test
    @DisplayName("without Actuator's health classes the starter starts without introspection warnings")
    void noWarningAboutAbsentOptionalClasses(CapturedOutput output) {
        assertThat(classPresent("org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration"))
                .as("this test needs a class path without Actuator's health support").isFalse();
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsServletAutoConfiguration.class,
                        WsClusterAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("Failed to introspect");
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, OptionalModulesQuietTests.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
