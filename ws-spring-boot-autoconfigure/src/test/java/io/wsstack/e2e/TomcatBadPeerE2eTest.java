package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** The end-to-end bad peers set on Tomcat. */
@Import(TomcatContainer.class)
class TomcatBadPeerE2eTest extends AbstractBadPeerE2eTest {

    @Override
    ContainerQuirks container() {
        return ContainerQuirks.TOMCAT;
    }
}
