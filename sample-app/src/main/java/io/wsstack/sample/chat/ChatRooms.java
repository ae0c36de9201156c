package io.wsstack.sample.chat;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.PathVar;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsOnClose;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.cluster.WsClusterHistoryEntry;
import io.wsstack.spring.cluster.WsClusterTarget;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

/**
 * The chat at {@code /chat/{room}}: a session joins with a nickname, then every line it says is
 * sent to the members of the same room. Join and leave notices go to the room too. Each room is a
 * {@link WsCluster} group, so with {@code --ws.cluster.enabled=true} the members of a room on every
 * instance sharing the Redis see each other's lines; a session that joins is first shown the
 * room's last lines from its history ({@code ws.cluster.history.*}).
 */
@Component
public class ChatRooms {

    private static final String NICK = "nick";
    private static final int MAX_NICK = 24;
    private static final int MAX_LINE = 2000;
    /** Lines of history a joining session is shown. */
    private static final int REPLAYED_LINES = 20;

    private final WsCluster cluster;
    private final JsonMapper json;
    private final Clock clock;

    public ChatRooms(WsCluster cluster, JsonMapper json) {
        this.cluster = cluster;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** Handles a JSON message from a browser; the reply, if any, goes back to the sender only. */
    @WsHandler("chat")
    public ChatEvent onMessage(ChatMessage message, WsSession session, @PathVar("room") String room) {
        String type = message.type() == null ? "" : message.type();
        switch (type) {
            case "join" -> {
                String nick = clean(message.nick(), MAX_NICK);
                if (nick.isEmpty()) {
                    return error(room, "a nickname is required");
                }
                if (session.attributes().putIfAbsent(NICK, nick) != null) {
                    return error(room, "already joined");
                }
                // The room's last lines first, then membership, then the notice everyone sees.
                cluster.recentHistory(groupName(room), REPLAYED_LINES)
                        .exceptionally(unavailable -> List.of())
                        .thenAccept(lines -> lines.stream().map(WsClusterHistoryEntry::asText).forEach(session::sendText))
                        .thenCompose(replayed -> cluster.join(session, groupName(room)))
                        .thenRun(() -> broadcast(room, new ChatEvent("joined", room, nick, "", clock.millis())));
                return null;
            }
            case "say" -> {
                Object nick = session.attributes().get(NICK);
                if (nick == null) {
                    return error(room, "join with a nickname first");
                }
                String text = clean(message.text(), MAX_LINE);
                if (!text.isEmpty()) {
                    broadcast(room, new ChatEvent("message", room, nick.toString(), text, clock.millis()));
                }
                return null;
            }
            default -> {
                return error(room, "unknown message type '" + clean(type, 20) + "'");
            }
        }
    }

    /** Tells the room that someone left (only if they had joined with a nickname). */
    @WsOnClose("chat")
    public void onClose(WsSession session, WsCloseStatus status) {
        Object nick = session.attributes().get(NICK);
        if (nick != null) {
            String room = session.pathVariables().get("room");
            broadcast(room, new ChatEvent("left", room, nick.toString(), "", clock.millis()));
        }
    }

    /** Sends to the room's members on every instance; while Redis is unreachable, to this instance's only. */
    private void broadcast(String room, ChatEvent event) {
        cluster.send(WsClusterTarget.group(groupName(room)), json.writeValueAsString(event));
    }

    /** The cluster group of a room (prefixed, so that other features can have groups of their own). */
    private static String groupName(String room) {
        return "chat:" + room;
    }

    private ChatEvent error(String room, String why) {
        return new ChatEvent("error", room, "", why, clock.millis());
    }

    private static String clean(String s, int max) {
        if (s == null) {
            return "";
        }
        String trimmed = s.strip();
        return trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
    }
}
