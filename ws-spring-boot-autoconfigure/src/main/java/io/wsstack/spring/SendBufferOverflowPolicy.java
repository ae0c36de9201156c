package io.wsstack.spring;

/** What a session does when a slow peer lets its queued outbound bytes exceed {@code max-send-buffer}. */
public enum SendBufferOverflowPolicy {
    /** Close the session with 1008 (policy violation); queued data is discarded. The safe default. */
    CLOSE,
    /** Refuse the new message (its future fails) and keep the session; for feeds where a newer update supersedes. */
    DROP_NEWEST
}
