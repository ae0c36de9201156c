package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** The interop set (Node {@code ws}, Python {@code websockets}) on Jetty, through its own upgrade path. */
@Import(JettyContainer.class)
class JettyInteropE2eTest extends AbstractInteropE2eTest {
}
