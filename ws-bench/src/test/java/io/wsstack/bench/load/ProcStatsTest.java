package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ProcStatsTest {

    @Test
    @DisplayName("/proc gives this JVM a positive CPU time and a resident set of at least a MiB")
    void readsOwnProcess() throws Exception {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcStats.cpuNanos(pid)).isPositive();
        assertThat(ProcStats.rssBytes(pid)).isGreaterThan(1 << 20);
    }
}
