package io.wsstack.e2e;

import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event loop's writes go straight to the native socket (one {@code send} per read batch from
 * the loop's scratch buffer, {@code LoopSocketSend}) only while nothing else is in the outbound
 * path: no handler in front of ours (TLS!) and no bytes in Netty's outbound buffer. These cases
 * check what that must never break, on every subclass's connection (plain or TLS, handlers on the
 * loop or dispatched): a burst to a client that reads late, with the server's socket send buffer
 * cut to 4 KiB, so that sends are partial many times over and the rest goes through Netty's
 * buffer, arrives whole and in order, and small echoes go on afterwards; and an echo is never
 * overtaken by the Close that answers the client's Close right behind its message.
 */
abstract class AbstractLoopSendE2eTest {

    /** 600 messages of about 1 KiB: well over what the sockets buffer, under the session's 1 MiB send buffer. */
    private static final int MESSAGES = 600;

    /** A 4 KiB socket send buffer on the server: the burst's echoes fill it many times over. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SmallSendBuffer {
        @Bean
        NettyServerCustomizer smallSendBuffer() {
            return server -> server.childOption(ChannelOption.SO_SNDBUF, 4096);
        }
    }

    @LocalServerPort
    int port;

    /** A connected client whose socket has a small receive buffer; TLS subclasses shake hands first. */
    abstract RawWebSocketClient connect() throws Exception;

    @Test
    @DisplayName("a burst echoed to a client that reads late arrives whole and in order (partial sends, Netty's buffer, then direct again)")
    void burstToSlowReaderArrivesInOrder() throws Exception {
        try (RawWebSocketClient raw = connect()) {
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
            // Small echoes go on afterwards (the direct path again, once Netty's buffer drained).
            for (int i = 0; i < 20; i++) {
                raw.sendText("after " + i);
                assertThat(new String(raw.readFrame().payload(), StandardCharsets.UTF_8)).isEqualTo("after " + i);
            }
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a message and the client's Close in one packet get the echo, then Close 1000, in that order")
    void echoPrecedesCloseReply() throws Exception {
        try (RawWebSocketClient raw = connect()) {
            assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, "/echo")).status()).isEqualTo(101);
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.write(RawWebSocketClient.maskedFrame(true, 1, "last words".getBytes(StandardCharsets.UTF_8)));
            packet.write(RawWebSocketClient.maskedFrame(true, 8, ByteBuffer.allocate(2).putShort((short) 1000).array()));
            raw.sendRaw(packet.toByteArray());
            RawWebSocketClient.Frame echo = raw.readFrame();
            assertThat(echo.opcode()).isEqualTo(1);
            assertThat(new String(echo.payload(), StandardCharsets.UTF_8)).isEqualTo("last words");
            RawWebSocketClient.Frame close = raw.readFrame();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(ByteBuffer.wrap(close.payload()).getShort() & 0xFFFF).isEqualTo(1000);
            assertThat(endOfStream(raw)).as("the server closes the TCP connection after its Close").isTrue();
        }
    }

    private static boolean endOfStream(RawWebSocketClient raw) {
        try {
            return raw.readToEnd().length == 0;
        } catch (IOException e) {
            return true; // reset instead of FIN: gone all the same
        }
    }

    private static String message(int i) {
        return i + ":" + "x".repeat(1000 + i % 50);
    }
}
