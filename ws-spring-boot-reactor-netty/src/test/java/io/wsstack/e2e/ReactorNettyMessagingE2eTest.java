package io.wsstack.e2e;

import org.springframework.boot.test.context.SpringBootTest;

/** The servlet starter's end-to-end messaging set, on WebFlux and Reactor Netty. */
@SpringBootTest(classes = ReactorNettyE2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactorNettyMessagingE2eTest extends AbstractMessagingE2eTest {

    @Override
    ContainerQuirks container() {
        return ContainerQuirks.REACTOR_NETTY;
    }
}
