package io.wsstack.bench.server;

import java.util.Arrays;
import java.util.List;

/**
 * The command line every echo server main accepts: {@code <port> [option...]}. The WebSocket
 * endpoint is {@code ws://127.0.0.1:<port>/echo}; the {@link AdminPort} is {@code port + 1}. Each
 * server accepts permessage-deflate when the client offers it, so the harness chooses per connection.
 * Arguments after the port are of two kinds: words are options a server may understand (ours:
 * {@code tomcat}/{@code jetty}, {@code meters}/{@code no-meters}; others ignore them), and arguments
 * starting with {@code --} are Spring properties that the Boot-based servers pass through, e.g.
 * {@code --ws.deflate.preset=dedicated-3kb}.
 */
public record ServerArgs(int port, List<String> options) {

    /** The WebSocket path every server serves its echo endpoint on. */
    public static final String PATH = "/echo";

    /** Messages up to this size are accepted by every server (the largest benchmark message is 20 KiB). */
    public static final int MAX_MESSAGE = 1 << 20;

    /** Parses {@code args}; the port defaults to 8080. */
    public static ServerArgs parse(String[] args) {
        return new ServerArgs(args.length > 0 ? Integer.parseInt(args[0]) : 8080,
                args.length > 1 ? List.copyOf(Arrays.asList(args).subList(1, args.length)) : List.of());
    }

    /** Arguments after the port that start with {@code --}: Spring properties to pass through. */
    public List<String> springProperties() {
        return options.stream().filter(argument -> argument.startsWith("--")).toList();
    }

    /** Whether the word {@code option} was given. */
    public boolean has(String option) {
        return options.contains(option);
    }

    /** The admin port. */
    public int adminPort() {
        return AdminPort.adminPortFor(port);
    }
}
