package io.wsstack.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A JVM's CPU time split by what its threads do, from Linux {@code /proc/<pid>/task/<tid>/stat}:
 * the JIT compilers, the garbage collector (with the VM thread, which runs its safepoints), and the
 * rest, which is the application (transport, sessions, codec, handlers). A server measured a few
 * seconds after it started still compiles; this split says how much of "CPU per message" is that.
 *
 * <p>{@code processNanos} comes from the process's own {@code stat}, which also counts threads that
 * have ended; {@link #applicationNanos()} is the process minus JIT and GC, so a short-lived thread's
 * CPU lands there. Compiler threads may end too when HotSpot trims idle ones, so the harness starts
 * servers with {@code -XX:-UseDynamicNumberOfCompilerThreads} to keep them all for the whole run.
 */
record JvmThreadCpu(long processNanos, long jitNanos, long gcNanos, long handlerThreadNanos) {

    /** Clock ticks per second; as {@link ProcStats}. */
    private static final long CLOCK_TICKS = Long.getLong("bench.clkTck", 100);

    /** The application's share: every thread that is neither a compiler nor the collector. */
    long applicationNanos() {
        return processNanos - jitNanos - gcNanos;
    }

    /** CPU used between {@code earlier} and this reading. */
    JvmThreadCpu minus(JvmThreadCpu earlier) {
        return new JvmThreadCpu(processNanos - earlier.processNanos, jitNanos - earlier.jitNanos,
                gcNanos - earlier.gcNanos, handlerThreadNanos - earlier.handlerThreadNanos);
    }

    /** Reads every thread of {@code pid} now. */
    static JvmThreadCpu of(long pid) throws IOException {
        long process = ProcStats.cpuNanos(pid);
        long jit = 0;
        long gc = 0;
        long handlers = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException e) {
                    continue; // the thread ended between the listing and the read
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1_000_000_000L / CLOCK_TICKS;
                switch (groupOf(name)) {
                    case JIT -> jit += nanos;
                    case GC -> gc += nanos;
                    case APPLICATION -> { }
                }
                if (name.startsWith(HANDLER_THREAD)) {
                    handlers += nanos;
                }
            }
        }
        return new JvmThreadCpu(process, jit, gc, handlers);
    }

    /**
     * Our servers' handler threads ("ws-handler-1", ...), part of the application: CPU there means
     * handler runs were handed off the socket threads (the worker dispatch's hand-off, or runs that the
     * Tomcat loop sent away after slow ones), which costs a wake-up and a hand-back per message.
     */
    static final String HANDLER_THREAD = "ws-handler-";

    /** Which part of the JVM a thread belongs to. */
    enum Group { JIT, GC, APPLICATION }

    /**
     * Sorts a HotSpot thread by its name as Linux shows it (at most 15 characters): "C2 CompilerThre",
     * "C1 CompilerThre" are the JIT; "GC Thread#0", "G1 Conc#0", "G1 Refine#0", "G1 Main Marker",
     * "G1 Service" and "VM Thread" the collector and its safepoints; anything else the application.
     */
    static Group groupOf(String threadName) {
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return Group.JIT;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
            return Group.GC;
        }
        return Group.APPLICATION;
    }
}
