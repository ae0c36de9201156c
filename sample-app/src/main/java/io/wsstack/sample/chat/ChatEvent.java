package io.wsstack.sample.chat;

/**
 * What the server sends to everyone in a room, as JSON.
 *
 * @param type {@code joined}, {@code left}, {@code message} or {@code error}
 * @param room the room
 * @param nick who joined, left or spoke
 * @param text the line (for {@code message}) or the problem (for {@code error})
 * @param at   server time in epoch milliseconds
 */
public record ChatEvent(String type, String room, String nick, String text, long at) {
}
