package io.wsstack.sample.chat;

/**
 * What a browser sends to a chat room, as JSON: {@code {"type":"join","nick":"ada"}} to take a
 * nickname, then {@code {"type":"say","text":"hello"}} for each line.
 *
 * @param type {@code join} or {@code say}
 * @param nick the nickname, for {@code join}
 * @param text the line, for {@code say}
 */
public record ChatMessage(String type, String nick, String text) {
}
