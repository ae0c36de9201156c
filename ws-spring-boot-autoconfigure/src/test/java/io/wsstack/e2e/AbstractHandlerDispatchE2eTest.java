package io.wsstack.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ws.endpoints.<name>.handler-dispatch} on a transport with an event loop of ours, shown by
 * behaviour, with the endpoints of {@link DispatchProbes}: {@code loop} ({@code event-loop}) runs
 * its handlers on the event loop, {@code worker} (the default) off it (on Tomcat's taken-over sockets: on the loop after its pass
 * while the handler is quick, see {@code TomcatSocketTakeoverE2eTest}). {@code onOpen} finishes before the first message is handled
 * and what it sends goes out first, even when the client's first frame came in the packet of the
 * upgrade request; an {@code onOpen} that blocks ({@code slowopen}) stalls only its own session.
 * Each subclass declares the three endpoints in its properties.
 */
abstract class AbstractHandlerDispatchE2eTest {

    @LocalServerPort
    int port;

    /** The names of the transport's event-loop threads, as a regular expression. */
    abstract String eventLoopThread();

    RawWebSocketClient open(String path) throws IOException {
        RawWebSocketClient raw = RawWebSocketClient.connect(port, 0);
        assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, path)).status()).isEqualTo(101);
        return raw;
    }

    static String ask(RawWebSocketClient raw, String text) throws IOException {
        raw.sendText(text);
        return raw.readFrame().text();
    }

    /** Reads the two messages of a probing onOpen. */
    static void readOpening(RawWebSocketClient raw) throws IOException {
        assertThat(raw.readFrame().text()).isEqualTo("open 1");
        assertThat(raw.readFrame().text()).isEqualTo("open 2");
    }

    @Test
    @DisplayName("handler-dispatch=event-loop runs one endpoint's handlers on the event loop, the default endpoint's off it")
    void dispatchIsPerEndpoint() throws Exception {
        try (RawWebSocketClient loop = open("/loop"); RawWebSocketClient worker = open("/worker")) {
            readOpening(loop);
            readOpening(worker);
            assertThat(ask(loop, "thread")).matches(eventLoopThread());
            assertWorkerThread(ask(worker, "thread"));
        }
    }

    /** Where a quick handler of a worker endpoint runs: off the event loop, and never on the container's threads. */
    void assertWorkerThread(String thread) {
        assertThat(thread).doesNotMatch(eventLoopThread()).doesNotContain("-nio-").doesNotContain("-epoll-");
    }

    @Test
    @DisplayName("onOpen finishes before the first message is handled and its sends precede the answers, on the event loop and off it")
    void onOpenPrecedesFirstMessage() throws Exception {
        for (String path : new String[] {"/loop", "/worker"}) {
            try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
                // The first frame travels in the packet of the upgrade request; the second right after the 101.
                assertThat(raw.requestWithFrame(RawWebSocketClient.upgradeRequest(port, path), "first").status())
                        .isEqualTo(101);
                raw.sendText("second");
                readOpening(raw);
                assertThat(raw.readFrame().text()).as(path).isEqualTo("first after open: true");
                assertThat(raw.readFrame().text()).as(path).isEqualTo("second after open: true");
            }
        }
    }

    @Test
    @DisplayName("an onOpen that blocks stalls only its own session: the event loop's other sessions go on")
    void blockingOnOpenStallsOnlyItsSession() throws Exception {
        DispatchProbes.openGate = new CountDownLatch(1);
        try (RawWebSocketClient slow = open("/slowopen"); RawWebSocketClient loop = open("/loop")) {
            slow.sendText("early");
            readOpening(loop);
            assertThat(ask(loop, "meanwhile")).isEqualTo("meanwhile after open: true");
            DispatchProbes.openGate.countDown();
            assertThat(slow.readFrame().text()).isEqualTo("opened late");
            assertThat(slow.readFrame().text()).isEqualTo("early after open: true");
        } finally {
            DispatchProbes.openGate.countDown();
        }
    }
}
