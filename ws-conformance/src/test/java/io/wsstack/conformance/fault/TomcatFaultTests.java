package io.wsstack.conformance.fault;

import io.wsstack.conformance.target.StarterEchoTarget;
import java.util.Map;

/**
 * The fault tests on Tomcat 11. Tomcat times out a read of the request head that waits longer than
 * {@code connectionTimeout} (60 s unless configured), with no deadline for the whole head.
 */
class TomcatFaultTests extends StarterFaultCases {

    @Override
    StarterEchoTarget.Container container() {
        return StarterEchoTarget.Container.TOMCAT;
    }

    @Override
    Map<String, Object> connectionTimeout500ms() {
        return Map.of("server.tomcat.connection-timeout", "500ms");
    }
}
