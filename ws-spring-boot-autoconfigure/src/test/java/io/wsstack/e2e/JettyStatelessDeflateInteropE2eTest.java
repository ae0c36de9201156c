package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** Shared deflated broadcasts to real clients on Jetty. */
@Import(JettyContainer.class)
class JettyStatelessDeflateInteropE2eTest extends AbstractStatelessDeflateInteropE2eTest {
}
