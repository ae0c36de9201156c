package io.wsstack.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results into markdown: one table per benchmark class, each of our methods
 * followed by its ratio to the JDK limit run with the same parameters ({@link Baselines}).
 *
 * <p>Usage: {@code JmhReport <jmh.json> <out.md>}.
 */
public final class JmhReport {

    private JmhReport() {
    }

    /** Reads {@code args[0]} and writes the markdown to {@code args[1]}. */
    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        List<JmhResult> results = parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        String markdown = markdown(results);
        Files.writeString(Path.of(args[1]), markdown);
        System.out.println(markdown);
    }

    /** The results in JMH's output order. */
    public static List<JmhResult> parse(String json) {
        List<JmhResult> results = new ArrayList<>();
        JsonArray runs = JsonParser.parseString(json).getAsJsonArray();
        for (JsonElement element : runs) {
            JsonObject run = element.getAsJsonObject();
            Map<String, String> params = new LinkedHashMap<>();
            if (run.has("params")) {
                run.getAsJsonObject("params").entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
            }
            JsonObject metric = run.getAsJsonObject("primaryMetric");
            results.add(JmhResult.of(run.get("benchmark").getAsString(), params,
                    metric.get("score").getAsDouble(), number(metric.get("scoreError")), allocation(run)));
        }
        return results;
    }

    /** Bytes allocated per operation when the run used {@code -prof gc}, else NaN. */
    private static double allocation(JsonObject run) {
        if (!run.has("secondaryMetrics")) {
            return Double.NaN;
        }
        for (Map.Entry<String, JsonElement> entry : run.getAsJsonObject("secondaryMetrics").entrySet()) {
            if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
                return entry.getValue().getAsJsonObject().get("score").getAsDouble();
            }
        }
        return Double.NaN;
    }

    /** JMH writes "NaN" as a string when there were too few iterations for an error estimate. */
    private static double number(JsonElement element) {
        String text = element.getAsString();
        return text.equals("NaN") ? Double.NaN : Double.parseDouble(text);
    }

    /** One table per class; rows grouped by parameters, ours first with ratios, then the JDK methods. */
    public static String markdown(List<JmhResult> results) {
        Map<String, List<JmhResult>> byClass = new LinkedHashMap<>();
        for (JmhResult result : results) {
            byClass.computeIfAbsent(result.benchmarkClass(), k -> new ArrayList<>()).add(result);
        }
        StringBuilder md = new StringBuilder("### Engine micro-benchmarks (JMH, average time per operation)\n\n");
        md.append("Ratio = our time ÷ the JDK limit's time with the same parameters (1.00× = as fast as the limit, "
                + "below 1 = faster, because the limit does work we avoid).\n\n");
        for (Map.Entry<String, List<JmhResult>> entry : byClass.entrySet()) {
            // With -prof gc, a column of heap bytes allocated per operation.
            boolean allocation = entry.getValue().stream().anyMatch(r -> !Double.isNaN(r.bytesPerOp()));
            md.append("#### ").append(entry.getKey()).append("\n\n");
            md.append("| parameters | method | ns/op | ± | MB/s | ÷ limit | limit |")
                    .append(allocation ? " B/op |" : "")
                    .append("\n|---|---|---:|---:|---:|---:|---|").append(allocation ? "---:|" : "").append('\n');
            for (JmhResult result : sortedByParams(entry.getValue())) {
                String limit = Baselines.limitOf(result);
                JmhResult base = limit == null ? null : find(entry.getValue(), limit, result.params());
                md.append("| ").append(result.paramsLabel()).append(" | ").append(result.method())
                        .append(" | ").append(String.format("%,.1f", result.nanos()))
                        .append(" | ").append(Double.isNaN(result.error()) ? "" : String.format("%,.1f", result.error()))
                        .append(" | ").append(Double.isNaN(result.megabytesPerSecond()) ? ""
                                : String.format("%,.0f", result.megabytesPerSecond()))
                        .append(" | ").append(base == null ? "" : String.format("**%.2f×**", result.nanos() / base.nanos()))
                        .append(" | ").append(limit == null ? "" : limit)
                        .append(allocation ? " | " + (Double.isNaN(result.bytesPerOp()) ? "" : String.format("%,.0f", result.bytesPerOp())) : "")
                        .append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static List<JmhResult> sortedByParams(List<JmhResult> results) {
        Map<String, List<JmhResult>> groups = new LinkedHashMap<>();
        for (JmhResult result : results) {
            groups.computeIfAbsent(result.paramsLabel(), k -> new ArrayList<>()).add(result);
        }
        List<JmhResult> sorted = new ArrayList<>();
        for (List<JmhResult> group : groups.values()) {
            group.stream().filter(r -> !r.method().startsWith("jdk")).forEach(sorted::add);
            group.stream().filter(r -> r.method().startsWith("jdk")).forEach(sorted::add);
        }
        return sorted;
    }

    private static JmhResult find(List<JmhResult> results, String method, Map<String, String> params) {
        return results.stream()
                .filter(r -> r.method().equals(method) && r.params().equals(params))
                .findFirst()
                .orElse(null);
    }
}
