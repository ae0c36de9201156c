package io.wsstack.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time and resident memory from Linux {@code /proc}: {@code utime + stime}
 * from {@code /proc/<pid>/stat} (fields 14 and 15, in clock ticks) and {@code VmRSS} from
 * {@code /proc/<pid>/status}.
 */
final class ProcStats {

    /** Clock ticks per second; 100 on every mainstream Linux, overridable with -Dbench.clkTck. */
    private static final long CLOCK_TICKS = Long.getLong("bench.clkTck", 100);

    private ProcStats() {
    }

    /** CPU time (user + system) the process has used so far, in nanoseconds. */
    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may contain spaces; everything after its ')' is space-separated.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / CLOCK_TICKS;
    }

    /** Resident set size in bytes. */
    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                String kib = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                return Long.parseLong(kib) * 1024;
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }
}
