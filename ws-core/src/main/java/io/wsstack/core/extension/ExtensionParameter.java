package io.wsstack.core.extension;

import java.util.Objects;

/**
 * One parameter of an extension offer or response, such as {@code server_max_window_bits=10}.
 *
 * @param name  the parameter name, as sent (compare with {@link String#equalsIgnoreCase})
 * @param value the value with any quoting removed, or {@code null} for a parameter without a value
 */
public record ExtensionParameter(String name, String value) {

    public ExtensionParameter {
        Objects.requireNonNull(name, "name");
    }

    /** Whether the parameter was sent with a value. */
    public boolean hasValue() {
        return value != null;
    }

    /** The header form of this parameter: {@code name} or {@code name=value}. */
    @Override
    public String toString() {
        return value == null ? name : name + "=" + value;
    }
}
