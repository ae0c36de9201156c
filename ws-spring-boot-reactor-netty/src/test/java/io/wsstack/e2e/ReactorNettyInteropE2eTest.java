package io.wsstack.e2e;

import org.springframework.boot.test.context.SpringBootTest;

/** The servlet starter's end-to-end interop set, on WebFlux and Reactor Netty. */
@SpringBootTest(classes = ReactorNettyE2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactorNettyInteropE2eTest extends AbstractInteropE2eTest {
}
