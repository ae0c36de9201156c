package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** Hostile upgrade requests on Jetty. */
@Import(JettyContainer.class)
class JettyHandshakeHardeningE2eTest extends AbstractHandshakeHardeningE2eTest {

    @Override
    ContainerQuirks container() {
        return ContainerQuirks.JETTY;
    }
}
