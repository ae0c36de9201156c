package io.wsstack.sample.grafana;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series names and their label names in a Prometheus text exposition (what
 * {@code /actuator/prometheus} serves). Values are not kept: the dashboard check only asks
 * whether a name and label exist.
 *
 * @param labelsByMetric every served series name with the union of its label names
 */
record PrometheusScrape(Map<String, Set<String>> labelsByMetric) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    static PrometheusScrape parse(String text) {
        Map<String, Set<String>> labels = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Set<String> names = labels.computeIfAbsent(sample.group(1), k -> new LinkedHashSet<>());
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
        }
        return new PrometheusScrape(Map.copyOf(labels));
    }

    boolean serves(String metric) {
        return labelsByMetric.containsKey(metric);
    }

    Set<String> labels(String metric) {
        return labelsByMetric.getOrDefault(metric, Set.of());
    }
}
