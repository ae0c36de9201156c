package io.wsstack.core.extension;

/** A {@code Sec-WebSocket-Extensions} value that does not follow the grammar of RFC 6455 §9.1. */
public final class MalformedExtensionHeaderException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedExtensionHeaderException(String message) {
        super(message);
    }
}
