package io.wsstack.spring.cluster;

import java.nio.charset.StandardCharsets;

/**
 * One message a group received, as its history keeps it.
 *
 * @param offset      the entry's position: pass it to {@link WsCluster#history} to read what came after
 * @param publishedAt when it was published, epoch milliseconds of the publishing instance
 * @param text        whether it was a text message
 * @param payload     the message bytes (UTF-8 for text)
 */
public record WsClusterHistoryEntry(String offset, long publishedAt, boolean text, byte[] payload) {

    /** The payload as text (UTF-8). */
    public String asText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
