package io.wsstack.conformance.fault;

import io.wsstack.conformance.target.StarterEchoTarget;
import java.util.Map;

/**
 * The fault tests on Jetty 12.1. Jetty closes a connection idle for longer than its idle timeout
 * ({@code server.jetty.connection-idle-timeout}, 30 s unless configured), also while a request head
 * trickles in, with no deadline for the whole head.
 */
class JettyFaultTests extends StarterFaultCases {

    @Override
    StarterEchoTarget.Container container() {
        return StarterEchoTarget.Container.JETTY;
    }

    @Override
    Map<String, Object> connectionTimeout500ms() {
        return Map.of("server.jetty.connection-idle-timeout", "500ms");
    }
}
