package io.wsstack.e2e;

import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes from the event loop straight to the native socket (one {@code send} per read batch from
 * the loop's scratch buffer, past Netty's outbound path, while Netty holds none of the
 * connection's bytes) must keep every byte in order when the socket stops taking them: the part it
 * does not take goes to Netty's buffer, later writes follow it there until it is empty, and then
 * the direct path resumes. A client with a tiny receive buffer that does not read while it sends a
 * burst forces exactly that, many times over. Here the handlers run on the event loop; the
 * dispatched mode (the loop sends what the lane handed over) runs in
 * {@link ReactorNettyDispatchedLoopSendE2eTest}.
 */
@SpringBootTest(classes = {ReactorNettyE2eApplication.class, ReactorNettyLoopSendE2eTest.SmallSendBuffer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ws.reactor-netty.event-loop-endpoints=echo")
class ReactorNettyLoopSendE2eTest {

    /** A 4 KiB socket send buffer on the server: the burst's echoes fill it many times over. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SmallSendBuffer {
        @Bean
        NettyServerCustomizer smallSendBuffer() {
            return server -> server.childOption(ChannelOption.SO_SNDBUF, 4096);
        }
    }

    /** 600 messages of about 1 KiB: well over what the sockets buffer, under the session's 1 MiB send buffer. */
    private static final int MESSAGES = 600;

    @LocalServerPort
    int port;

    @Test
    @DisplayName("a burst echoed to a client that reads late arrives whole and in order (socket full, Netty's buffer, then direct again)")
    void burstToSlowReaderArrivesInOrder() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 4096)) {
            assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, "/echo")).status()).isEqualTo(101);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        raw.sendText(message(i));
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            sender.start();
            // Let the echoes pile up: the server's socket fills and its writes go to Netty's buffer.
            Thread.sleep(300);
            for (int i = 0; i < MESSAGES; i++) {
                RawWebSocketClient.Frame frame = raw.readFrame();
                assertThat(frame.opcode()).as("echo %d", i).isEqualTo(1);
                assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).as("echo %d", i).isEqualTo(message(i));
            }
            sender.join(10_000);
            assertThat(failure.get()).isNull();
            // And small echoes go on afterwards (the direct path again, once Netty's buffer drained).
            for (int i = 0; i < 20; i++) {
                raw.sendText("after " + i);
                assertThat(new String(raw.readFrame().payload(), StandardCharsets.UTF_8)).isEqualTo("after " + i);
            }
        }
    }

    private static String message(int i) {
        return i + ":" + "x".repeat(1000 + i % 50);
    }
}
