package io.wsstack.e2e;

import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.servlet.TomcatSocketTakeover;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tomcat's plain-text NIO connections served on sockets taken over from Tomcat (the default):
 * handlers off Tomcat's threads (a worker endpoint's on the socket loop after its pass while they are
 * quick, on handler threads once one blocks; an event-loop endpoint's on the loop at once), Tomcat's connection count released by every close, a
 * blocked handler not stalling the loop's other sockets, and a handler that falls behind stopping
 * the reads of its connection. One socket loop, so that every connection shares it.
 */
@SpringBootTest(classes = {TakeoverApplication.class, TomcatContainer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.max-connections=20", "ws.tomcat.socket-threads=1"})
class TomcatSocketTakeoverE2eTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    WsSessionRegistry sessions;

    @AfterEach
    void openGate() {
        TakeoverApplication.gate.countDown();
    }

    private RawWebSocketClient open(String path) throws Exception {
        RawWebSocketClient raw = RawWebSocketClient.connect(port, 0);
        assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, path)).status()).isEqualTo(101);
        return raw;
    }

    private static String ask(RawWebSocketClient raw, String text) throws IOException {
        raw.sendText(text);
        RawWebSocketClient.Frame frame = raw.readFrame();
        assertThat(frame.opcode()).isEqualTo(1);
        return frame.text();
    }

    @Test
    @DisplayName("handlers run on the socket loop: a worker endpoint's quick ones after the read pass, event-loop endpoints' at once; never on Tomcat's workers")
    void handlersRunOffTomcatsThreads() throws Exception {
        assertThat(context.getBeansOfType(TomcatSocketTakeover.class)).hasSize(1);
        try (RawWebSocketClient dispatched = open("/block"); RawWebSocketClient onLoop = open("/where")) {
            // The first answers may still come from the handler thread that ran onOpen (the lane's run goes on there).
            await().atMost(Duration.ofSeconds(10)).until(() -> ask(dispatched, "thread").equals("ws-tomcat-loop-1"));
            assertThat(ask(onLoop, "thread")).isEqualTo("ws-tomcat-loop-1");
        }
    }

    @Test
    @DisplayName("worker handlers that block lose the socket loop to new threads: the loop's sockets go on, and every blocked call's answer still comes")
    void blockingWorkerHandlersLoseTheLoop() throws Exception {
        TakeoverApplication.gate = new CountDownLatch(1);
        RawWebSocketClient[] blocked = new RawWebSocketClient[3];
        try (RawWebSocketClient other = open("/block"); RawWebSocketClient onLoop = open("/where")) {
            for (int i = 0; i < blocked.length; i++) {
                blocked[i] = open("/block");
                RawWebSocketClient session = blocked[i];
                await().atMost(Duration.ofSeconds(10)).until(() -> ask(session, "thread").equals("ws-tomcat-loop-1"));
                session.sendText("block");
                // The loop's other sockets are served again once a new thread has the loop.
                assertThat(ask(onLoop, "thread")).isEqualTo("ws-tomcat-loop-1");
            }
            assertThat(ask(other, "still here")).isEqualTo("still here");
            TakeoverApplication.gate.countDown();
            for (RawWebSocketClient session : blocked) {
                assertThat(session.readFrame().text()).isEqualTo("block");
                assertThat(ask(session, "after")).isEqualTo("after");
            }
        } finally {
            for (RawWebSocketClient session : blocked) {
                if (session != null) {
                    session.close();
                }
            }
        }
    }

    @Test
    @DisplayName("a worker endpoint whose handlers keep taking longer than ws.tomcat.inline-handler-budget (1 ms) runs them on handler threads")
    void slowWorkerHandlersMoveToHandlerThreads() throws Exception {
        try (RawWebSocketClient slow = open("/block"); RawWebSocketClient other = open("/block")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ask(other, "thread").equals("ws-tomcat-loop-1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                assertThat(ask(slow, "slow")).isEqualTo("slow");
                return !ask(other, "thread").startsWith("ws-tomcat-loop");
            });
            assertThat(ask(other, "thread")).doesNotStartWith("http-nio");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a frame in the upgrade request's packet is read from Tomcat's buffer before the socket")
    void frameInRequestPacket() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.requestWithFrame(RawWebSocketClient.upgradeRequest(port, "/where"), "early");
            assertThat(head.status()).isEqualTo(101);
            assertThat(raw.readFrame().text()).isEqualTo("early");
            assertThat(ask(raw, "later")).isEqualTo("later");
        }
    }

    @Test
    @DisplayName("every close releases Tomcat's connection count: 60 sessions in turn under max-connections=20")
    void closesReleaseTomcatsConnectionCount() throws Exception {
        for (int i = 0; i < 60; i++) {
            String path = i % 2 == 0 ? "/where" : "/block";
            try (RawWebSocketClient raw = open(path)) {
                assertThat(ask(raw, "hello " + i)).isEqualTo("hello " + i);
                if (i % 3 == 0) {
                    // RFC 6455 §5.5.1: the client closes, the server answers and drops TCP.
                    raw.sendFrame(true, 8, new byte[] {0x03, (byte) 0xe8});
                    assertThat(raw.readUntilClose().closeCode()).isEqualTo(1000);
                } else if (i % 3 == 1) {
                    // The server closes; the client answers.
                    raw.sendText("close");
                    assertThat(raw.readUntilClose().closeCode()).isEqualTo(4000);
                    raw.sendFrame(true, 8, new byte[] {0x0f, (byte) 0xa0});
                }
                // else: the client just drops TCP (the server sees end-of-stream: 1006)
                if (i % 3 != 2) {
                    assertThat(raw.drainUntilDropped()).as("server dropped TCP").isTrue();
                }
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.size() == 0);
        // Still room for more: the count came back down.
        try (RawWebSocketClient raw = open("/where")) {
            assertThat(ask(raw, "after")).isEqualTo("after");
        }
    }

    @Test
    @DisplayName("a blocked handler does not stall the other sessions of its socket loop")
    void blockedHandlerDoesNotStallTheLoop() throws Exception {
        TakeoverApplication.gate = new CountDownLatch(1);
        try (RawWebSocketClient blocked = open("/block"); RawWebSocketClient other = open("/block");
             RawWebSocketClient onLoop = open("/where")) {
            blocked.sendText("block");
            assertThat(ask(other, "still here")).isEqualTo("still here");
            assertThat(ask(onLoop, "here too")).isEqualTo("here too");
            TakeoverApplication.gate.countDown();
            assertThat(blocked.readFrame().text()).isEqualTo("block");
        }
    }

    @Test
    @DisplayName("a handler that falls behind stops its connection's reads (TCP pushes back); nothing accepted is lost")
    void slowHandlerStopsReads() throws Exception {
        int messages = 2048;
        byte[] frame = RawWebSocketClient.maskedFrame(true, 2, new byte[16 * 1024]);
        long total = (long) messages * frame.length;
        TakeoverApplication.COUNTED.set(0);
        TakeoverApplication.gate = new CountDownLatch(1);
        try (RawWebSocketClient raw = open("/count")) {
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < messages; i++) {
                        raw.sendRaw(frame);
                        written.addAndGet(frame.length);
                    }
                } catch (IOException e) {
                    // reported by the assertions below
                }
            }, "test-flood");
            writer.setDaemon(true);
            writer.start();
            // The sender stalls: the server stopped reading once the lane was full.
            long[] last = {-1};
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                long now = written.get();
                boolean still = now == last[0];
                last[0] = now;
                return still;
            });
            assertThat(written.get()).as("bytes the server let in while its handler was held").isLessThan(total);
            assertThat(TakeoverApplication.COUNTED.get()).isZero();
            TakeoverApplication.gate.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> TakeoverApplication.COUNTED.get() == messages);
            writer.join(5000);
            assertThat(written.get()).isEqualTo(total);
        }
    }
}
