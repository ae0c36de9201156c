package io.wsstack.bench.load;

import java.util.List;

/**
 * The idle-connection memory table: heap per connection (with the first peer's value divided by
 * each other's, as in the echo report) and the server's RSS with all connections open.
 */
final class IdleReport {

    private IdleReport() {
    }

    static String markdown(int connections, List<IdleResult> results) {
        StringBuilder md = new StringBuilder();
        md.append(String.format("### Memory of %,d idle connections%n%n", connections));
        md.append("Heap: used heap after full GC (the server reports it on its admin port after three "
                + "`System.gc()` calls), after minus before opening the connections, divided by their number. "
                + "RSS: VmRSS with all of them open.\n\n");
        IdleResult reference = results.isEmpty() || !results.get(0).measured() ? null : results.get(0);
        md.append("| Server | heap per connection | ")
                .append(reference == null ? "" : reference.peer().label() + " ÷ this | ")
                .append("RSS with all open, MiB |\n|---|---:|")
                .append(reference == null ? "" : "---:|").append("---:|\n");
        for (IdleResult r : results) {
            md.append("| ").append(r.peer().label()).append(" | ");
            if (!r.measured()) {
                md.append(r.note().replace('|', '/')).append(reference == null ? " | |\n" : " | | |\n");
                continue;
            }
            md.append(String.format("%.1f KiB | ", r.heapBytesPerConnection() / 1024.0));
            if (reference != null) {
                md.append(r.heapBytesPerConnection() > 0
                        ? String.format("%.2f× | ", (double) reference.heapBytesPerConnection() / r.heapBytesPerConnection())
                        : "– | ");
            }
            md.append(String.format("%,d |%n", r.rssBytesIdle() >> 20));
        }
        md.append('\n');
        return md.toString();
    }
}
