package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** Chromium over TLS and HTTP/2 on Jetty 12.1, which implements RFC 8441 and advertises it unless told not to. */
@Import(JettyContainer.class)
class JettyHttp2BrowserE2eTest extends AbstractHttp2BrowserE2eTest {
}
