package io.wsstack.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JmhReportTest {

    private static final String JSON = """
            [
              {"benchmark": "io.wsstack.bench.jmh.MaskingBenchmark.mask", "params": {"size": "1024", "memory": "heap"},
               "primaryMetric": {"score": 30.0, "scoreError": 1.5, "scoreUnit": "ns/op"}},
              {"benchmark": "io.wsstack.bench.jmh.MaskingBenchmark.jdkCopy", "params": {"size": "1024", "memory": "heap"},
               "primaryMetric": {"score": 20.0, "scoreError": "NaN", "scoreUnit": "ns/op"}}
            ]
            """;

    @Test
    @DisplayName("JMH JSON is read with class, method, sorted parameters, score and error (NaN allowed)")
    void parses() {
        List<JmhResult> results = JmhReport.parse(JSON);
        assertThat(results).hasSize(2);
        assertThat(results.get(0).benchmarkClass()).isEqualTo("MaskingBenchmark");
        assertThat(results.get(0).method()).isEqualTo("mask");
        assertThat(results.get(0).paramsLabel()).isEqualTo("memory=heap, size=1024");
        assertThat(results.get(1).error()).isNaN();
    }

    @Test
    @DisplayName("with -prof gc the table gains heap bytes allocated per operation")
    void allocationColumn() {
        String json = """
                [
                  {"benchmark": "io.wsstack.bench.jmh.EchoBenchmark.echo", "params": {"size": "20"},
                   "primaryMetric": {"score": 100.0, "scoreError": 5.0, "scoreUnit": "ns/op"},
                   "secondaryMetrics": {"·gc.alloc.rate": {"score": 900.0}, "·gc.alloc.rate.norm": {"score": 48.0}}}
                ]
                """;
        List<JmhResult> results = JmhReport.parse(json);
        assertThat(results.get(0).bytesPerOp()).isEqualTo(48.0);
        assertThat(JmhReport.parse(JSON).get(0).bytesPerOp()).isNaN();
        String md = JmhReport.markdown(results);
        assertThat(md).contains("| parameters | method | ns/op | ± | MB/s | ÷ limit | limit | B/op |");
        assertThat(md).contains("| size=20 | echo | 100.0 | 5.0 | 200 |  |  | 48 |");
        assertThat(JmhReport.markdown(JmhReport.parse(JSON))).doesNotContain("B/op");
    }

    @Test
    @DisplayName("our method is shown with its ratio to the JDK limit run with the same parameters")
    void ratioToLimit() {
        String md = JmhReport.markdown(JmhReport.parse(JSON));
        assertThat(md).contains("| memory=heap, size=1024 | mask | 30.0 | 1.5 | 34,133 | **1.50×** | jdkCopy |");
        assertThat(md).contains("| memory=heap, size=1024 | jdkCopy | 20.0 |  | 51,200 |  |  |");
    }
}
