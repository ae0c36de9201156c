package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** Hostile upgrade requests on Tomcat. */
@Import(TomcatContainer.class)
class TomcatHandshakeHardeningE2eTest extends AbstractHandshakeHardeningE2eTest {

    @Override
    ContainerQuirks container() {
        return ContainerQuirks.TOMCAT;
    }
}
