package io.wsstack.spring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A path such as {@code /rooms/{room}/users/{user}}: literal segments and whole-segment variables.
 *
 * <p>Matching is a plain segment-by-segment comparison — no regular expressions and no expression
 * evaluation of anything the client sent (the lesson of CVE-2018-1270) — so it costs one pass over
 * the request path. A variable matches one non-empty segment.
 */
public final class PathTemplate {

    private final String template;
    private final String[] segments;   // literal text, or null where a variable stands
    private final String[] variables;  // variable name, or null where a literal stands

    private PathTemplate(String template, String[] segments, String[] variables) {
        this.template = template;
        this.segments = segments;
        this.variables = variables;
    }

    /**
     * Compiles a template. It must start with {@code /}; a segment is either literal text or a whole
     * {@code {name}}; variable names are unique.
     *
     * @throws IllegalArgumentException naming the defect
     */
    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("path '" + template + "' must start with '/'");
        }
        String[] parts = split(template);
        String[] literals = new String[parts.length];
        String[] names = new String[parts.length];
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("}") && part.length() > 2) {
                String name = part.substring(1, part.length() - 1);
                if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0 || seen.contains(name)) {
                    throw new IllegalArgumentException("path '" + template + "' has an invalid or repeated variable '" + name + "'");
                }
                seen.add(name);
                names[i] = name;
            } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                throw new IllegalArgumentException("path '" + template + "': a variable must be a whole segment, such as /rooms/{room}");
            } else {
                literals[i] = part;
            }
        }
        return new PathTemplate(template, literals, names);
    }

    /** Matches a request path (without query string); returns the variables, or {@code null} when it does not match. */
    public Map<String, String> match(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String[] parts = split(path);
        if (parts.length != segments.length) {
            return null;
        }
        Map<String, String> values = null;
        for (int i = 0; i < parts.length; i++) {
            if (variables[i] != null) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                if (values == null) {
                    values = new LinkedHashMap<>();
                }
                values.put(variables[i], parts[i]);
            } else if (!segments[i].equals(parts[i])) {
                return null;
            }
        }
        return values == null ? Map.of() : Collections.unmodifiableMap(values);
    }

    /** The names of the template's variables, in order. */
    public List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (String v : variables) {
            if (v != null) {
                names.add(v);
            }
        }
        return names;
    }

    /** Whether the template has no variables. */
    public boolean isLiteral() {
        return variableNames().isEmpty();
    }

    @Override
    public String toString() {
        return template;
    }

    private static String[] split(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(1).split("/", -1);
    }
}
