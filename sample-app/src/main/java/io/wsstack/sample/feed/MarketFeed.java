package io.wsstack.sample.feed;

import io.wsstack.spring.WsOnOpen;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.WsSessionRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The live feed at {@code /feed}: once a second the server pushes a snapshot of made-up prices to
 * every subscriber. The snapshots are repetitive JSON, which permessage-deflate shrinks several
 * times over — watch {@code ws.wire.sent} against {@code ws.payload.sent} in the
 * metrics. Each snapshot is encoded once for all subscribers.
 */
@Component
public class MarketFeed {

    private static final String[] SYMBOLS = {"ACME", "GLOBEX", "INITECH", "UMBRELLA", "HOOLI", "STARK", "WAYNE",
        "WONKA", "TYRELL", "CYBERDYNE", "SOYLENT", "OSCORP", "MASSIVE", "VANDELAY", "PIEDPIPER", "AVIATO"};

    /**
     * One price.
     *
     * @param symbol the ticker
     * @param price  the price in cents
     * @param change the change since the previous tick, in cents
     */
    public record Quote(String symbol, long price, long change) {
    }

    /**
     * One push.
     *
     * @param seq    a sequence number, so a page can see it missed nothing
     * @param at     server time in epoch milliseconds
     * @param quotes every symbol's price
     */
    public record Tick(long seq, long at, List<Quote> quotes) {
    }

    private final WsSessionRegistry sessions;
    private final JsonMapper json;
    private final Random random = new Random(7);
    private final long[] prices = new long[SYMBOLS.length];
    private volatile Tick last;
    private long seq;

    public MarketFeed(WsSessionRegistry sessions, JsonMapper json) {
        this.sessions = sessions;
        this.json = json;
        for (int i = 0; i < prices.length; i++) {
            prices[i] = 10_000 + random.nextInt(90_000);
        }
        last = new Tick(0, System.currentTimeMillis(), quotes(new long[prices.length]));
    }

    /** A new subscriber gets the latest snapshot at once instead of waiting for the next tick. */
    @WsOnOpen("feed")
    public String onOpen(WsSession session) {
        return json.writeValueAsString(last);
    }

    /** Moves the prices and pushes the snapshot to every subscriber. */
    @Scheduled(fixedRateString = "${sample.feed.interval:1s}")
    public void publish() {
        long[] changes = new long[prices.length];
        for (int i = 0; i < prices.length; i++) {
            changes[i] = random.nextInt(201) - 100;
            prices[i] = Math.max(100, prices[i] + changes[i]);
        }
        synchronized (this) {
            last = new Tick(++seq, System.currentTimeMillis(), quotes(changes));
        }
        if (!sessions.sessions("feed").isEmpty()) {
            sessions.broadcast("feed", json.writeValueAsString(last));
        }
    }

    private List<Quote> quotes(long[] changes) {
        List<Quote> quotes = new ArrayList<>(SYMBOLS.length);
        for (int i = 0; i < SYMBOLS.length; i++) {
            quotes.add(new Quote(SYMBOLS[i], prices[i], changes[i]));
        }
        return quotes;
    }
}
