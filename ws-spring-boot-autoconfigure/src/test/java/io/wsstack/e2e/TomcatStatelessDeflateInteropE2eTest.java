package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** Shared deflated broadcasts to real clients on Tomcat. */
@Import(TomcatContainer.class)
class TomcatStatelessDeflateInteropE2eTest extends AbstractStatelessDeflateInteropE2eTest {
}
