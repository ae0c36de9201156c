package io.wsstack.sample.chat;

import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsHandshakeRequest;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses to open a chat in a room whose name is not a short plain word, before the 101: the same
 * bean on Tomcat and on Reactor Netty (the {@link WsHandshakeRequest} it sees is transport-neutral).
 */
@Component
public class RoomNameCheck implements WsHandshakeInterceptor {

    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    @Override
    public Decision beforeHandshake(WsHandshakeRequest request, WsEndpoint endpoint,
            Map<String, String> pathVariables, Map<String, Object> attributes) {
        if (!endpoint.name().equals("chat")) {
            return Decision.proceed();
        }
        String room = pathVariables.get("room");
        if (room == null || !ROOM.matcher(room).matches()) {
            return Decision.refuse(400, "a room name is 1-32 letters, digits, '-' or '_'");
        }
        return Decision.proceed();
    }
}
