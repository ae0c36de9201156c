package io.wsstack.sample.grafana;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The PromQL name extraction the dashboard check relies on: a wrong parser would make that check pass vacuously. */
class PromQlNamesTest {

    @Test
    @DisplayName("Aggregations, functions, strings and ranges are not metric names; matchers and by-lists are labels")
    void aggregationWithBy() {
        PromQlNames names = PromQlNames.of("sum by (instance, endpoint) (rate(ws_messages_received_total"
                + "{application=~\"$application\", endpoint!=\"x,y\"}[$__rate_interval]))");

        assertThat(names.metrics()).isEqualTo(Map.of("ws_messages_received_total", Set.of("application", "endpoint")));
        assertThat(names.groupingLabels()).containsExactly("instance", "endpoint");
    }

    @Test
    @DisplayName("Both sides of a binary operator count, and a trailing by-clause is a label list")
    void binaryOperatorAndTrailingBy() {
        PromQlNames names = PromQlNames.of("histogram_quantile(0.99, sum(rate(a_bucket[5m])) by (le)) / on (job) b_total offset 5m");

        assertThat(names.metrics().keySet()).containsExactly("a_bucket", "b_total");
        assertThat(names.groupingLabels()).containsExactly("le", "job");
    }

    @Test
    @DisplayName("label_values(selector, label): the selector's metric and the label")
    void grafanaLabelValues() {
        PromQlNames names = PromQlNames.of("label_values(ws_sessions_active{application=~\"$application\"}, instance)");

        assertThat(names.metrics()).isEqualTo(Map.of("ws_sessions_active", Set.of("application")));
        assertThat(names.groupingLabels()).containsExactly("instance");
    }
}
