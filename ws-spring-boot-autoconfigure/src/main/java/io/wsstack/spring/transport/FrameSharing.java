package io.wsstack.spring.transport;

/** Which sessions can be sent the very same frame bytes. */
public enum FrameSharing {
    /** No compression: any such session takes the same unmasked frames. */
    PLAIN,
    /**
     * permessage-deflate without server context takeover (RFC 7692 §7.1.1.1): every message is
     * compressed from an empty window, so one deflated payload fits all such sessions.
     */
    DEFLATE_STATELESS,
    /** Per-session compression state: each message must be encoded by the session itself. */
    NONE
}
