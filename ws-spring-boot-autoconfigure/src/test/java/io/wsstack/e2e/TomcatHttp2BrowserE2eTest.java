package io.wsstack.e2e;

import org.springframework.context.annotation.Import;

/** Chromium over TLS and HTTP/2 on Tomcat 11, which does not implement RFC 8441: browsers use HTTP/1.1 for WebSocket. */
@Import(TomcatContainer.class)
class TomcatHttp2BrowserE2eTest extends AbstractHttp2BrowserE2eTest {
}
