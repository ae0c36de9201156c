package io.wsstack.sample;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample's endpoints and page, driven by the JDK's HTTP and WebSocket clients. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.feed.interval=200ms")
class SampleEndpointsTest {

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Collects whatever arrives, as strings ("text:..." / "binary:<n>"). */
    static final class Inbox implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add("text:" + text);
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            messages.add("binary:" + data.remaining());
            ws.request(1);
            return null;
        }

        /**
         * The next message containing {@code fragment}, skipping others: a broadcast that was being
         * delivered while another session joined may reach that session too, so join notices can
         * arrive in either order.
         */
        String nextContaining(String fragment) throws InterruptedException {
            while (true) {
                String m = next();
                if (m.contains(fragment)) {
                    return m;
                }
            }
        }

        String next() throws InterruptedException {
            String m = messages.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("a message within 10 s").isNotNull();
            return m;
        }
    }

    private WebSocket connect(String path, Inbox inbox) {
        return http.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port + path), inbox).join();
    }

    @Test
    @DisplayName("The page is served at / next to the endpoints")
    void pageIsServed() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("wsstack sample").contains("app.js");
    }

    @Test
    @DisplayName("/echo returns text and binary messages unchanged")
    void echo() throws Exception {
        Inbox inbox = new Inbox();
        WebSocket ws = connect("/echo", inbox);

        ws.sendText("ping?", true).join();
        ws.sendBinary(ByteBuffer.wrap(new byte[1000]), true).join();

        assertThat(inbox.next()).isEqualTo("text:ping?");
        assertThat(inbox.next()).isEqualTo("binary:1000");
        ws.sendClose(1000, "").join();
    }

    @Test
    @DisplayName("/chat/{room}: a line said in a room reaches everyone who joined that room, and no other room")
    void chatRooms() throws Exception {
        Inbox ada = new Inbox();
        Inbox bob = new Inbox();
        Inbox eve = new Inbox();
        WebSocket adaWs = connect("/chat/lobby", ada);
        WebSocket bobWs = connect("/chat/lobby", bob);
        WebSocket eveWs = connect("/chat/elsewhere", eve);

        adaWs.sendText("{\"type\":\"join\",\"nick\":\"ada\"}", true).join();
        assertThat(ada.nextContaining("\"nick\":\"ada\"")).contains("\"type\":\"joined\"");
        bobWs.sendText("{\"type\":\"join\",\"nick\":\"bob\"}", true).join();
        assertThat(ada.nextContaining("\"nick\":\"bob\"")).contains("\"type\":\"joined\"");
        assertThat(bob.nextContaining("\"nick\":\"bob\"")).contains("\"type\":\"joined\"");
        eveWs.sendText("{\"type\":\"join\",\"nick\":\"eve\"}", true).join();
        assertThat(eve.next()).contains("\"nick\":\"eve\"");

        adaWs.sendText("{\"type\":\"say\",\"text\":\"hello\"}", true).join();

        assertThat(bob.nextContaining("\"type\":\"message\"")).contains("\"text\":\"hello\"");
        assertThat(ada.nextContaining("\"type\":\"message\"")).contains("\"text\":\"hello\"");
        assertThat(eve.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    @DisplayName("/chat/{room}: saying something before joining is answered with an error event")
    void chatRequiresJoin() throws Exception {
        Inbox inbox = new Inbox();
        WebSocket ws = connect("/chat/lobby", inbox);

        ws.sendText("{\"type\":\"say\",\"text\":\"hello\"}", true).join();

        assertThat(inbox.next()).contains("\"type\":\"error\"").contains("join with a nickname first");
    }

    @Test
    @DisplayName("/feed pushes a snapshot on open and then one per tick")
    void feed() throws Exception {
        Inbox inbox = new Inbox();
        connect("/feed", inbox);

        String first = inbox.next();
        String second = inbox.next();

        assertThat(first).contains("\"quotes\"").contains("ACME");
        assertThat(second).contains("\"seq\"");
    }
}
