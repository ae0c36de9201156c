package io.wsstack.autoconfigure.actuate;

import io.wsstack.autoconfigure.metrics.WsMetricsAutoConfiguration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityImportsTests {

    @Test
    @DisplayName("the metrics, ws endpoint and health auto-configurations are listed for Spring Boot to find")
    void listedInAutoConfigurationImports() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(WsMetricsAutoConfiguration.class.getName(),
                        WsActuatorEndpointAutoConfiguration.class.getName(),
                        WsHealthContributorAutoConfiguration.class.getName());
    }
}
