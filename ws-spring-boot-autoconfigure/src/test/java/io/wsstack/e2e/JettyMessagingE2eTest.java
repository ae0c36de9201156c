package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** The end-to-end messages and handshakes set on Jetty. */
@Import(JettyContainer.class)
class JettyMessagingE2eTest extends AbstractMessagingE2eTest {

    @Override
    ContainerQuirks container() {
        return ContainerQuirks.JETTY;
    }
}
