package io.wsstack.autoconfigure.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsOnClose;
import io.wsstack.spring.WsOnOpen;
import io.wsstack.spring.WsSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client endpoint against a local server in one Spring Boot application: the application connects to
 * its own port through {@code ws.clients.ticker.uri=ws://127.0.0.1:${local.server.port}/quotes}, and the
 * client's {@code @WsHandler("ticker")} methods follow the server's rules (JSON parameter decoded, the
 * returned String sent back, {@code @WsOnOpen} after every (re)connect).
 */
@SpringBootTest(classes = ClientEndpointIntegrationTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "ws.endpoints.quotes.path=/quotes",
                "ws.endpoints.quotes.subprotocols=quotes.v1",
                "ws.clients.ticker.uri=ws://127.0.0.1:${local.server.port}/quotes",
                "ws.clients.ticker.subprotocols=quotes.v2,quotes.v1",
                "ws.clients.ticker.headers.X-Client=ticker-test",
                "ws.clients.ticker.reconnect.initial-delay=50ms",
                "ws.clients.ticker.reconnect.max-delay=100ms"})
class ClientEndpointIntegrationTest {

    private static final long WAIT = 20;

    /** A quote as the server sends it, decoded by the client's handler parameter. */
    record Quote(String symbol, double price) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        QuoteServer quoteServer() {
            return new QuoteServer();
        }

        @Bean
        Ticker ticker() {
            return new Ticker();
        }

        @Bean
        WsHandshakeInterceptor clientHeader(QuoteServer server) {
            return (request, endpoint, pathVariables, attributes) -> {
                server.clientHeaders.add(String.valueOf(request.getHeader("X-Client")));
                return WsHandshakeInterceptor.Decision.proceed();
            };
        }

        @Bean
        ServletRegistrationBean<HttpServlet> fallbackServlet() {
            return new ServletRegistrationBean<>(new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                }
            }, "/");
        }
    }

    /** The server side: answers a subscription with a JSON quote, records acks, restarts on request. */
    static class QuoteServer {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final List<String> clientHeaders = new CopyOnWriteArrayList<>();

        @WsHandler("quotes")
        String onText(String text, WsSession session) {
            received.add(text);
            if (text.equals("restart-me")) {
                session.close(new WsCloseStatus(1012, "service restart"));
                return null;
            }
            return text.startsWith("subscribe:") ? "{\"symbol\":\"" + text.substring(10) + "\",\"price\":42.5}" : null;
        }
    }

    /** The client side, declared like a server endpoint. */
    static class Ticker {
        final AtomicInteger opens = new AtomicInteger();
        final List<String> subprotocols = new CopyOnWriteArrayList<>();
        final BlockingQueue<Quote> quotes = new LinkedBlockingQueue<>();
        final BlockingQueue<WsCloseStatus> closes = new LinkedBlockingQueue<>();
        volatile WsSession session;

        @WsOnOpen("ticker")
        void subscribe(WsSession session) {
            this.session = session;
            opens.incrementAndGet();
            subprotocols.add(String.valueOf(session.subprotocol()));
            session.sendText("subscribe:ACME");
        }

        @WsHandler("ticker")
        String onQuote(Quote quote) {
            quotes.add(quote);
            return "ack:" + quote.symbol() + "@" + quote.price();
        }

        @WsOnClose("ticker")
        void closed(WsCloseStatus status) {
            closes.add(status);
        }
    }

    @Autowired
    QuoteServer server;

    @Autowired
    Ticker ticker;

    @Autowired
    MeterRegistry meters;

    @Test
    @DisplayName("connects at startup; @WsOnOpen resubscribes after a 1012 close; JSON in, returned String out; meters count it")
    void clientEndpointLifecycle() throws Exception {
        // Startup: connected with the configured subprotocols and headers, subscribed in @WsOnOpen.
        assertThat(server.received.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("subscribe:ACME");
        assertThat(ticker.quotes.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(new Quote("ACME", 42.5));
        assertThat(server.received.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("ack:ACME@42.5");
        assertThat(ticker.subprotocols).containsExactly("quotes.v1");
        assertThat(server.clientHeaders).containsExactly("ticker-test");
        assertThat(ticker.session.endpoint()).isEqualTo("ticker");
        assertThat(ticker.session.path()).isEqualTo("/quotes");

        // The server restarts the session (1012): the client reconnects and @WsOnOpen subscribes again.
        WsSession first = ticker.session;
        first.sendText("restart-me");
        assertThat(server.received.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("restart-me");
        assertThat(ticker.closes.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(new WsCloseStatus(1012, "service restart"));
        assertThat(server.received.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("subscribe:ACME");
        assertThat(ticker.quotes.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(new Quote("ACME", 42.5));
        assertThat(server.received.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("ack:ACME@42.5");
        assertThat(ticker.opens).hasValue(2);
        assertThat(ticker.session).isSameAs(first); // one WsSession for the endpoint's whole life
        assertThat(server.clientHeaders).containsExactly("ticker-test", "ticker-test");

        assertThat(meters.get("ws.client.connects").tags("endpoint", "ticker", "reconnect", "false").counter().count()).isEqualTo(1);
        assertThat(meters.get("ws.client.connects").tags("endpoint", "ticker", "reconnect", "true").counter().count()).isEqualTo(1);
        assertThat(meters.get("ws.client.disconnects").tags("endpoint", "ticker").counter().count()).isEqualTo(1);
        assertThat(meters.get("ws.client.messages.received").tags("endpoint", "ticker").counter().count()).isEqualTo(2);
        assertThat(meters.get("ws.client.connected").tags("endpoint", "ticker").gauge().value()).isEqualTo(1);
        assertThat(meters.get("ws.client.sessions").gauge().value()).isEqualTo(1);
    }
}
