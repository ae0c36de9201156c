package io.wsstack.sample.chat;

import io.wsstack.spring.CloseStatus;
import io.wsstack.spring.PathVar;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsOnClose;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.WsSessionRegistry;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * The chat at {@code /chat/{room}}: a session joins with a nickname, then every line it says is
 * broadcast to the sessions of the same room. Join and leave notices go to the room too.
 */
@Component
public class ChatRooms {

    private static final String NICK = "nick";
    private static final int MAX_NICK = 24;
    private static final int MAX_LINE = 2000;

    private final WsSessionRegistry sessions;
    private final JsonMapper json;
    private final Clock clock;

    public ChatRooms(WsSessionRegistry sessions, JsonMapper json) {
        this.sessions = sessions;
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
                session.attributes().put(NICK, nick);
                broadcast(room, new ChatEvent("joined", room, nick, "", clock.millis()));
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
    public void onClose(WsSession session, CloseStatus status) {
        Object nick = session.attributes().get(NICK);
        if (nick != null) {
            String room = session.pathVariables().get("room");
            broadcast(room, new ChatEvent("left", room, nick.toString(), "", clock.millis()));
        }
    }

    private void broadcast(String room, ChatEvent event) {
        String text = json.writeValueAsString(event);
        sessions.broadcast("chat", text, s -> room.equals(s.pathVariables().get("room")) && s.attributes().containsKey(NICK));
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
