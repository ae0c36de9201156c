package io.wsstack.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One load setting: how many connections, the nominal message size, how many messages each
 * connection keeps in flight (1 = send, wait for the echo, send again; 4 = pipelined), and whether
 * permessage-deflate is offered.
 *
 * <p>Scenarios are written as {@code <size>x<connections>x<inFlight>[+deflate]}, sizes in bytes or
 * with a {@code KiB} suffix: {@code 20x100x4}, {@code 16KiBx100x1}, {@code 1KiBx100x1+deflate}.
 * That is the form of {@code -Dbench.scenarios} (and {@code BENCH_SCENARIOS}), so a new scenario
 * needs no code.
 */
record Scenario(int messageSize, int connections, int inFlight, boolean deflate) {

    /** Issue 11's table (pipelined and not, small and large), plus 16 in flight. */
    static final String DEFAULTS = "20x100x4,20x100x16,20x1000x1,16KiBx100x1";

    private static final Pattern SPEC = Pattern.compile("(\\d+)(KiB|B)?x(\\d+)x(\\d+)(\\+deflate)?");

    Scenario {
        if (messageSize < 4 || connections < 1 || inFlight < 1) {
            throw new IllegalArgumentException("size >= 4, connections >= 1 and in flight >= 1 expected");
        }
    }

    /** Parses one scenario written as {@code 20x100x4} or {@code 1KiBx100x1+deflate}. */
    static Scenario parse(String spec) {
        Matcher m = SPEC.matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a scenario: '" + spec
                    + "' (expected <size>[B|KiB]x<connections>x<inFlight>[+deflate], e.g. 20x100x4)");
        }
        int size = Integer.parseInt(m.group(1)) * ("KiB".equals(m.group(2)) ? 1024 : 1);
        return new Scenario(size, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), m.group(5) != null);
    }

    /** Parses a comma-separated list of scenarios. */
    static List<Scenario> parseList(String csv) {
        return Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).map(Scenario::parse).toList();
    }

    /** The scenario's spec, as {@link #parse} reads it. */
    String spec() {
        return sizeSpec() + "x" + connections + "x" + inFlight + (deflate ? "+deflate" : "");
    }

    /** A short name for tables and the chart, e.g. {@code "100 conns × 20 B, 4 in flight"}. */
    String label() {
        return String.format(Locale.ROOT, "%,d conns × %s, %d in flight%s", connections, sizeLabel(), inFlight,
                deflate ? ", deflate" : "");
    }

    /** The nominal size for people, e.g. {@code "16 KiB"}. */
    String sizeLabel() {
        return messageSize >= 1024 && messageSize % 1024 == 0 ? messageSize / 1024 + " KiB" : messageSize + " B";
    }

    private String sizeSpec() {
        return messageSize >= 1024 && messageSize % 1024 == 0 ? messageSize / 1024 + "KiB" : Integer.toString(messageSize);
    }

    /** Scenarios sharing connections: the same count and the same deflate offer. */
    boolean sameConnections(Scenario other) {
        return connections == other.connections && deflate == other.deflate;
    }
}
