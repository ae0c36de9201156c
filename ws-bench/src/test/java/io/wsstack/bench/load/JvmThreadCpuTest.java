package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.bench.load.JvmThreadCpu.Group;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class JvmThreadCpuTest {

    @Test
    @DisplayName("HotSpot's compiler, GC and VM threads are told apart from the application's by their /proc names")
    void groupsThreadsByName() {
        assertThat(JvmThreadCpu.groupOf("C2 CompilerThre")).isEqualTo(Group.JIT);
        assertThat(JvmThreadCpu.groupOf("C1 CompilerThre")).isEqualTo(Group.JIT);
        assertThat(JvmThreadCpu.groupOf("GC Thread#1")).isEqualTo(Group.GC);
        assertThat(JvmThreadCpu.groupOf("G1 Conc#0")).isEqualTo(Group.GC);
        assertThat(JvmThreadCpu.groupOf("G1 Main Marker")).isEqualTo(Group.GC);
        assertThat(JvmThreadCpu.groupOf("VM Thread")).isEqualTo(Group.GC);
        assertThat(JvmThreadCpu.groupOf("http-nio-8080-e")).isEqualTo(Group.APPLICATION);
        assertThat(JvmThreadCpu.groupOf("VM Periodic Tas")).isEqualTo(Group.APPLICATION);
        assertThat(JvmThreadCpu.groupOf("main")).isEqualTo(Group.APPLICATION);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @DisplayName("CPU of a thread named like our servers' handler threads is counted apart, as part of the application")
    void countsHandlerThreads() throws Exception {
        JvmThreadCpu before = JvmThreadCpu.of(ProcessHandle.current().pid());
        Thread busy = new Thread(() -> {
            long end = System.nanoTime() + 300_000_000L;
            long sink = 0;
            while (System.nanoTime() < end) {
                sink += sink * 31 + 7;
            }
            if (sink == 42) {
                System.out.println(sink);
            }
        }, JvmThreadCpu.HANDLER_THREAD + "test");
        busy.start();
        Thread.sleep(250); // still running: /proc lists it
        JvmThreadCpu used = JvmThreadCpu.of(ProcessHandle.current().pid()).minus(before);
        busy.join();

        assertThat(used.handlerThreadNanos()).isPositive().isLessThanOrEqualTo(used.applicationNanos());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @DisplayName("this JVM has compiled something by now, and its parts never exceed the whole")
    void readsOwnThreads() throws Exception {
        JvmThreadCpu cpu = JvmThreadCpu.of(ProcessHandle.current().pid());

        assertThat(cpu.jitNanos()).isPositive();
        assertThat(cpu.processNanos()).isGreaterThanOrEqualTo(cpu.jitNanos() + cpu.gcNanos());
        assertThat(cpu.applicationNanos()).isPositive();
    }

    @Test
    @DisplayName("a window's CPU is the later reading minus the earlier one, part by part")
    void subtracts() {
        JvmThreadCpu used = new JvmThreadCpu(900, 300, 200, 70).minus(new JvmThreadCpu(400, 100, 150, 30));

        assertThat(used).isEqualTo(new JvmThreadCpu(500, 200, 50, 40));
        assertThat(used.applicationNanos()).isEqualTo(250);
    }
}
