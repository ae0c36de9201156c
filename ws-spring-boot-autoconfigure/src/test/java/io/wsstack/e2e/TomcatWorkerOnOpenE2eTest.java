package io.wsstack.e2e;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsOnClose;
import io.wsstack.spring.WsOnOpen;
import io.wsstack.spring.WsSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On Tomcat's taken-over sockets a worker endpoint's {@code onOpen} runs on the session's handler
 * lane like its other handler calls, not on the Tomcat request thread that ran the upgrade: with
 * one Tomcat worker thread, a second upgrade completes while the first session's {@code onOpen}
 * blocks. The order of a session's calls still holds: {@code onOpen} before the first message,
 * the message before {@code onClose}, even when the client sends at once and closes.
 */
@SpringBootTest(classes = {TomcatWorkerOnOpenE2eTest.App.class, TomcatContainer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1", "ws.tomcat.socket-threads=1",
                "ws.endpoints.blockopen.path=/blockopen", "ws.endpoints.order.path=/order"})
class TomcatWorkerOnOpenE2eTest {

    /** How long {@code order}'s onOpen takes, so that the client's frames and its close arrive while it runs. */
    static final long OPEN_MILLIS = 300;
    /** Shut by a test to hold {@code blockopen}'s onOpen; opened to let it finish. */
    static volatile CountDownLatch openGate = new CountDownLatch(0);
    /** The calls of {@code order}'s sessions, in the order they ran. */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    @AfterEach
    void releaseOpen() {
        openGate.countDown();
    }

    private RawWebSocketClient open(String path) throws IOException {
        RawWebSocketClient raw = RawWebSocketClient.connect(port, 0);
        assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, path)).status()).isEqualTo(101);
        return raw;
    }

    @Test
    @DisplayName("a worker endpoint's blocking onOpen holds a lane thread, not Tomcat's only worker: a second upgrade completes meanwhile")
    void blockingOnOpenLeavesTomcatsWorkerFree() throws Exception {
        openGate = new CountDownLatch(1);
        try (RawWebSocketClient first = open("/blockopen")) {
            // Before onOpen ran on the lane, Tomcat's one worker was still inside the first onOpen here,
            // and this upgrade request was never read (the read below timed out).
            try (RawWebSocketClient second = open("/blockopen")) {
                openGate.countDown();
                String firstThread = first.readFrame().text();
                assertThat(firstThread).doesNotStartWith("http-nio").doesNotStartWith("ws-tomcat-loop");
                assertThat(second.readFrame().text()).doesNotStartWith("http-nio");
                first.sendText("after");
                assertThat(first.readFrame().text()).isEqualTo("after");
            }
        }
    }

    @Test
    @DisplayName("onOpen < first message < onClose on the lane, when the client's frames and Close come with the upgrade (RFC 6455 §4.1, §7.1.2)")
    void orderHoldsWhenTheClientSendsAndClosesAtOnce() throws Exception {
        CALLS.clear();
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            assertThat(raw.requestWithFrame(RawWebSocketClient.upgradeRequest(port, "/order"), "hello").status())
                    .isEqualTo(101);
            raw.sendFrame(true, 8, ByteBuffer.allocate(2).putShort(0, (short) 1000).array());
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1000);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> CALLS.size() >= 3);
        assertThat(CALLS).containsExactly("open", "text hello", "close 1000");
    }

    @Test
    @DisplayName("onOpen < first message < onClose (1006) on the lane, when the client sends and drops the connection at once")
    void orderHoldsWhenTheClientSendsAndDropsAtOnce() throws Exception {
        CALLS.clear();
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            assertThat(raw.requestWithFrame(RawWebSocketClient.upgradeRequest(port, "/order"), "hello").status())
                    .isEqualTo(101);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> CALLS.size() >= 3);
        assertThat(CALLS).containsExactly("open", "text hello", "close 1006");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(OpenServletApplication.class)
    static class App {

        @Bean
        Handlers handlers() {
            return new Handlers();
        }

    }

    static final class Handlers {

        /** Waits for the gate, then answers with the name of the thread it ran on. */
        @WsOnOpen("blockopen")
        String openBlocking(WsSession session) throws InterruptedException {
            openGate.await(30, TimeUnit.SECONDS);
            return Thread.currentThread().getName();
        }

        @WsHandler("blockopen")
        String echo(String text) {
            return text;
        }

        @WsOnOpen("order")
        void openSlowly(WsSession session) throws InterruptedException {
            Thread.sleep(OPEN_MILLIS);
            CALLS.add("open");
        }

        @WsHandler("order")
        void text(String text) {
            CALLS.add("text " + text);
        }

        @WsOnClose("order")
        void close(WsCloseStatus status) {
            CALLS.add("close " + status.code());
        }
    }
}
