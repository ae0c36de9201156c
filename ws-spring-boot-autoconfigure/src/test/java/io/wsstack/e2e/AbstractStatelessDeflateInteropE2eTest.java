package io.wsstack.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * permessage-deflate without server context takeover: a broadcast is deflated once and the same
 * compressed frame is written to every such session; real clients must inflate it. Subclasses name
 * the container they run on.
 */
@SpringBootTest(classes = E2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "e2e.deflate.stateless=true")
abstract class AbstractStatelessDeflateInteropE2eTest {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @EnumSource(InteropClient.class)
    @DisplayName("RFC 7692 §7.1.1.1: a broadcast deflated once reaches a session negotiated with server_no_context_takeover")
    void sharedDeflatedBroadcast(InteropClient client) throws Exception {
        var lines = client.run("ws://localhost:" + port + "/chat", "compressed");
        assertThat(lines).contains("echoed=true");
        assertThat(lines).anyMatch(l -> l.startsWith("extensions=") && l.contains("server_no_context_takeover"));
    }
}
