package io.wsstack.e2e;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The participant hook on Jetty, with 8 pool threads (acceptor and selector included). */
@SpringBootTest(classes = AbstractHandshakeParticipantE2eTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.jetty.threads.max=8", "server.jetty.threads.min=2"})
@Import(JettyContainer.class)
class JettyHandshakeParticipantE2eTest extends AbstractHandshakeParticipantE2eTest {

    @Override
    int moreThanRequestThreads() {
        return 12;
    }
}
