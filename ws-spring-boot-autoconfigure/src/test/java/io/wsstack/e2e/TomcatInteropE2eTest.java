package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** The interop set (Node {@code ws}, Python {@code websockets}) on Tomcat. */
@Import(TomcatContainer.class)
class TomcatInteropE2eTest extends AbstractInteropE2eTest {
}
