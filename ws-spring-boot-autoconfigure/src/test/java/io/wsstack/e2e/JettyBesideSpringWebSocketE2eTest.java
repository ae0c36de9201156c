package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** Our endpoint beside a spring-websocket endpoint, on Jetty. */
@Import(JettyContainer.class)
class JettyBesideSpringWebSocketE2eTest extends AbstractBesideSpringWebSocketE2eTest {
}
