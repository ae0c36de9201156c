package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The paired report takes the ratio per round, so one noisy round moves neither its median nor the servers' figures. */
class DeflatePairComparisonTest {

    @Test
    void theMedianRoundIsReportedWithEveryRoundBesideIt() {
        DeflatePairComparison.Outcome outcome = new DeflatePairComparison.Outcome("jdk", "pooled-1kb", List.of(
                new DeflatePairComparison.Round(160, 72, 8000, 12000),
                // A round in which the host was busy: both servers slower, their ratio much like the others'.
                new DeflatePairComparison.Round(400, 188, 3800, 6500),
                new DeflatePairComparison.Round(150, 75, 8500, 12300)), null);

        assertThat(outcome.medianRatio()).isEqualTo(0.47);
        assertThat(outcome.medianBaselineMicros()).isEqualTo(160);
        assertThat(outcome.medianPresetMicros()).isEqualTo(75);
        String md = DeflatePairComparison.markdown(outcome, 100, 500, 2000);
        assertThat(md).contains("`pooled-1kb` ÷ `jdk`")
                .contains("| preset ÷ baseline | **0.47×** | 0.45–0.50 | 0.45 / 0.47 / 0.50 |")
                .contains("| preset, µs / message | 75 | | 72 / 188 / 75 |")
                .contains("| baseline, messages / s | | | 8000 / 3800 / 8500 |");
    }

    @Test
    void aPairThatFailedSaysWhy() {
        String md = DeflatePairComparison.markdown(new DeflatePairComparison.Outcome("jdk", "pooled-1kb", List.of(),
                "timed out after 300 s (baseline starting the server, preset not started)"), 100, 500, 2000);
        assertThat(md).contains("Not measured: timed out after 300 s").doesNotContain("| preset ÷ baseline");
    }
}
