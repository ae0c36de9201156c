package io.wsstack.e2e;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The participant hook on Tomcat, with 4 request threads. */
@SpringBootTest(classes = AbstractHandshakeParticipantE2eTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=1"})
@Import(TomcatContainer.class)
class TomcatHandshakeParticipantE2eTest extends AbstractHandshakeParticipantE2eTest {

    @Override
    int moreThanRequestThreads() {
        return 8;
    }
}
