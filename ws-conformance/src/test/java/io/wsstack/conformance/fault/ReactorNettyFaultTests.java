package io.wsstack.conformance.fault;

import io.wsstack.conformance.target.StarterEchoTarget;
import java.util.Map;

/**
 * The fault tests on Reactor Netty (a WebFlux application). Reactor Netty closes a connection on
 * which nothing was read for longer than its idle timeout ({@code server.netty.idle-timeout}, none
 * unless configured), also while a request head trickles in, with no deadline for the whole head.
 * The WebSocket transport removes that handler once the connection speaks WebSocket: from then on
 * only the endpoint's {@code idle-timeout} and {@code ping-interval} decide.
 */
class ReactorNettyFaultTests extends StarterFaultCases {

    @Override
    StarterEchoTarget.Container container() {
        return StarterEchoTarget.Container.REACTOR_NETTY;
    }

    @Override
    Map<String, Object> connectionTimeout500ms() {
        return Map.of("server.netty.idle-timeout", "500ms");
    }
}
