package io.wsstack.e2e;

import org.springframework.boot.test.context.SpringBootTest;

/** The servlet starter's end-to-end stateless deflate interop set, on WebFlux and Reactor Netty. */
@SpringBootTest(classes = ReactorNettyE2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "e2e.deflate.stateless=true")
class ReactorNettyStatelessDeflateInteropE2eTest extends AbstractStatelessDeflateInteropE2eTest {
}
