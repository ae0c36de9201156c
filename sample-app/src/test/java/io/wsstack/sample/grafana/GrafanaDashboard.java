package io.wsstack.sample.grafana;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's Grafana dashboard, read as JSON: every PromQL query its panels and variables run. */
final class GrafanaDashboard {

    static final String FILE = "grafana/wsstack-dashboard.json";

    private final JsonNode root;

    private GrafanaDashboard(JsonNode root) {
        this.root = root;
    }

    /** Finds the file from the module directory (Maven's working directory) or the repository root. */
    static GrafanaDashboard load() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(FILE))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IOException(FILE + " not found above " + Path.of("").toAbsolutePath());
        }
        return new GrafanaDashboard(JsonMapper.builder().build().readTree(Files.readString(dir.resolve(FILE))));
    }

    JsonNode root() {
        return root;
    }

    /** The {@code expr} of every panel target (rows' nested panels included) and every query variable's query. */
    List<String> queries() {
        List<String> queries = new ArrayList<>();
        collectExpressions(root.path("panels"), queries);
        for (JsonNode variable : root.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asString())) {
                JsonNode query = variable.path("query");
                queries.add(query.isObject() ? query.path("query").asString() : query.asString());
            }
        }
        return queries;
    }

    private static void collectExpressions(JsonNode panels, List<String> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                into.add(target.path("expr").asString());
            }
            collectExpressions(panel.path("panels"), into);
        }
    }
}
