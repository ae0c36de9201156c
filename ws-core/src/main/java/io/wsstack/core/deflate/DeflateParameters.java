package io.wsstack.core.deflate;

import io.wsstack.core.deflate.DeflateNegotiationException.Reason;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.ExtensionParameter;

/**
 * The four parameters of one {@code permessage-deflate} element (RFC 7692 §7.1), checked for the
 * rules that offers and responses share: only known names, each at most once, no value on the
 * "no context takeover" flags, window bits as a plain decimal from 8 to 15.
 *
 * <p>Window bits are read strictly: one or two ASCII digits without sign, leading zero or spaces
 * ({@code "08"}, {@code "+9"} and {@code "1e1"} are refused). RFC 7692 §7.1.2 asks for an integer
 * in 8–15; refusing the odd spellings costs nothing (the offer is merely declined) and keeps two
 * parsers from ever disagreeing about the same header.
 *
 * @param serverNoContextTakeover  {@code server_no_context_takeover} present
 * @param clientNoContextTakeover  {@code client_no_context_takeover} present
 * @param serverMaxWindowBits      {@code server_max_window_bits} value, or 0 when absent
 * @param clientMaxWindowBitsSent  {@code client_max_window_bits} present (with or without value)
 * @param clientMaxWindowBits      {@code client_max_window_bits} value, or 0 when absent or valueless
 */
record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                         int serverMaxWindowBits, boolean clientMaxWindowBitsSent, int clientMaxWindowBits) {

    static final String EXTENSION_NAME = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** Whether {@code element} names this extension (extension tokens compare case-insensitively). */
    static boolean isPerMessageDeflate(ExtensionOffer element) {
        return EXTENSION_NAME.equalsIgnoreCase(element.name());
    }

    /**
     * Reads the parameters of {@code element}.
     *
     * @throws DeflateNegotiationException on the first parameter that breaks a shared rule
     */
    static DeflateParameters parse(ExtensionOffer element) {
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = 0;
        boolean clientBitsSent = false;
        int clientBits = 0;
        for (ExtensionParameter p : element.parameters()) {
            String name = p.name();
            if (SERVER_NO_CONTEXT_TAKEOVER.equalsIgnoreCase(name)) {
                checkNotSeen(serverNoContext, name);
                checkNoValue(p);
                serverNoContext = true;
            } else if (CLIENT_NO_CONTEXT_TAKEOVER.equalsIgnoreCase(name)) {
                checkNotSeen(clientNoContext, name);
                checkNoValue(p);
                clientNoContext = true;
            } else if (SERVER_MAX_WINDOW_BITS.equalsIgnoreCase(name)) {
                checkNotSeen(serverBits != 0, name);
                if (!p.hasValue()) {
                    // RFC 7692 §7.1.2.1: this parameter always carries a value.
                    throw new DeflateNegotiationException(Reason.MISSING_VALUE, name + " without a value");
                }
                serverBits = windowBits(p);
            } else if (CLIENT_MAX_WINDOW_BITS.equalsIgnoreCase(name)) {
                checkNotSeen(clientBitsSent, name);
                clientBitsSent = true;
                clientBits = p.hasValue() ? windowBits(p) : 0;
            } else {
                throw new DeflateNegotiationException(Reason.UNKNOWN_PARAMETER, "unknown parameter " + name);
            }
        }
        return new DeflateParameters(serverNoContext, clientNoContext, serverBits, clientBitsSent, clientBits);
    }

    private static void checkNotSeen(boolean seen, String name) {
        if (seen) {
            throw new DeflateNegotiationException(Reason.DUPLICATE_PARAMETER, "duplicate parameter " + name);
        }
    }

    private static void checkNoValue(ExtensionParameter p) {
        if (p.hasValue()) {
            throw new DeflateNegotiationException(Reason.UNEXPECTED_VALUE, p.name() + " takes no value");
        }
    }

    /** Parses "8".."15" exactly; anything else is {@link Reason#INVALID_VALUE}. */
    private static int windowBits(ExtensionParameter p) {
        String v = p.value();
        int bits = -1;
        if (v.length() == 1 && (v.charAt(0) == '8' || v.charAt(0) == '9')) {
            bits = v.charAt(0) - '0';
        } else if (v.length() == 2 && v.charAt(0) == '1' && v.charAt(1) >= '0' && v.charAt(1) <= '5') {
            bits = 10 + v.charAt(1) - '0';
        }
        if (bits < 0) {
            throw new DeflateNegotiationException(Reason.INVALID_VALUE,
                    p.name() + " must be 8-15, was '" + abbreviate(v) + "'");
        }
        return bits;
    }

    /** Keeps hostile values out of log lines. */
    private static String abbreviate(String v) {
        return v.length() <= 16 ? v : v.substring(0, 16) + "...";
    }
}
