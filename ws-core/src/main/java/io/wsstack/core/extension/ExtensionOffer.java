package io.wsstack.core.extension;

import java.util.List;
import java.util.Objects;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1): an extension name
 * and its parameters in the order sent. A client may offer the same extension several times with
 * different parameters; each offer is one instance, and the list order is the client's preference.
 *
 * @param name       the extension token, such as {@code permessage-deflate}
 * @param parameters the parameters in order; duplicates are kept so that negotiation can refuse them
 */
public record ExtensionOffer(String name, List<ExtensionParameter> parameters) {

    public ExtensionOffer {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
    }

    /** An offer without parameters. */
    public static ExtensionOffer of(String name) {
        return new ExtensionOffer(name, List.of());
    }

    /** The header form of this element, for example {@code permessage-deflate; client_max_window_bits}. */
    public String toHeaderValue() {
        StringBuilder sb = new StringBuilder(name);
        for (ExtensionParameter p : parameters) {
            sb.append("; ").append(p);
        }
        return sb.toString();
    }

    /** Joins several elements into one header value, separated by commas. */
    public static String toHeaderValue(List<ExtensionOffer> offers) {
        StringBuilder sb = new StringBuilder();
        for (ExtensionOffer offer : offers) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(offer.toHeaderValue());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toHeaderValue();
    }
}
