package io.wsstack.sample.grafana;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and label names one PromQL expression (or Grafana {@code label_values(...)}
 * variable query) refers to. Enough of PromQL for dashboards: selectors with matchers, function
 * calls, {@code by}/{@code without}/{@code on}/{@code ignoring} label lists, range brackets and
 * binary operators. Grafana variables only occur inside strings and range brackets, which are
 * skipped, so they never count as names.
 *
 * @param metrics        every metric name, with the labels its own selector matches on
 * @param groupingLabels labels of {@code by (...)}-style lists and of {@code label_values}: each must
 *                       exist on at least one metric of the expression
 */
record PromQlNames(Map<String, Set<String>> metrics, Set<String> groupingLabels) {

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$",
            Pattern.DOTALL);

    /** The names in a query: a PromQL expression or a {@code label_values(selector, label)} query. */
    static PromQlNames of(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.matches()) {
            PromQlNames inner = parse(labelValues.group(1));
            Set<String> grouping = new LinkedHashSet<>(inner.groupingLabels());
            grouping.add(labelValues.group(2));
            return new PromQlNames(inner.metrics(), grouping);
        }
        return parse(query);
    }

    private static PromQlNames parse(String expr) {
        List<String> tokens = tokenize(expr);
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        Set<String> grouping = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!isIdentifier(token)) {
                continue;
            }
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            if (GROUPING.contains(token)) {
                if (next.equals("(")) {
                    i = labelList(tokens, i + 2, grouping);
                }
            } else if (KEYWORDS.contains(token) || next.equals("(") || next.equals("by") || next.equals("without")) {
                // an operator keyword, a function name, or an aggregation written "sum by (a) (...)"
            } else {
                Set<String> labels = metrics.computeIfAbsent(token, k -> new LinkedHashSet<>());
                if (next.equals("{")) {
                    i = labelList(tokens, i + 2, labels);
                }
            }
        }
        return new PromQlNames(metrics, grouping);
    }

    /** Collects the label names of a {@code (a, b)} list or a {@code {a="x", b=~"y"}} selector; returns the closing index. */
    private static int labelList(List<String> tokens, int start, Set<String> labels) {
        int i = start;
        boolean expectName = true;
        while (i < tokens.size() && !tokens.get(i).equals(")") && !tokens.get(i).equals("}")) {
            String token = tokens.get(i);
            if (token.equals(",")) {
                expectName = true;
            } else if (expectName && isIdentifier(token)) {
                labels.add(token);
                expectName = false;
            }
            i++;
        }
        return i;
    }

    private static boolean isIdentifier(String token) {
        return !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_' || token.charAt(0) == ':');
    }

    /** Identifiers, numbers and punctuation; strings and range/subquery brackets are dropped whole. */
    private static List<String> tokenize(String expr) {
        java.util.ArrayList<String> tokens = new java.util.ArrayList<>();
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                int end = i + 1;
                while (end < expr.length() && expr.charAt(end) != c) {
                    end += expr.charAt(end) == '\\' ? 2 : 1;
                }
                tokens.add("\"");
                i = end + 1;
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1;
                if (i == 0) {
                    throw new IllegalArgumentException("unclosed [ in " + expr);
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = i;
                while (end < expr.length() && (Character.isLetterOrDigit(expr.charAt(end)) || expr.charAt(end) == '_'
                        || expr.charAt(end) == ':')) {
                    end++;
                }
                tokens.add(expr.substring(i, end));
                i = end;
            } else if (Character.isDigit(c) || c == '.') {
                int end = i;
                while (end < expr.length() && (Character.isLetterOrDigit(expr.charAt(end)) || expr.charAt(end) == '.')) {
                    end++;
                }
                tokens.add("0");
                i = end;
            } else if (c == '$') {
                throw new IllegalArgumentException("Grafana variable outside a string or range: " + expr);
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }
}
