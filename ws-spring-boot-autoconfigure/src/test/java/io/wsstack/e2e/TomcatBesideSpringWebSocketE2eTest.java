package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** Our endpoint beside a spring-websocket endpoint, on Tomcat. */
@Import(TomcatContainer.class)
class TomcatBesideSpringWebSocketE2eTest extends AbstractBesideSpringWebSocketE2eTest {
}
