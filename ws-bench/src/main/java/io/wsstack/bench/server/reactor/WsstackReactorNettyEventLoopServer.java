package io.wsstack.bench.server.reactor;

/**
 * Ours on WebFlux with the echo endpoint's handlers on Netty's event loop
 * ({@code ws.endpoints.echo.handler-dispatch=event-loop}): decode, handle and write on one thread.
 */
public final class WsstackReactorNettyEventLoopServer {

    private WsstackReactorNettyEventLoopServer() {
    }

    /** Starts the application on the port given in {@code args}; the admin port opens once it is up. */
    public static void main(String[] args) throws Exception {
        WsstackReactorNettyServer.start(args, true);
    }
}
