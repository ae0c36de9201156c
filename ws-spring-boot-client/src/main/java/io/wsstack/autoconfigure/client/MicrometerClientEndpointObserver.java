package io.wsstack.autoconfigure.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.client.WsClient;
import io.wsstack.spring.client.ClientEndpointObserver;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client meters, bound once at startup and tagged by client endpoint (never by session):
 * {@code ws.client.sessions} (sessions of the application's WsClient, opening or open),
 * {@code ws.client.connected} (1 while the endpoint's connection is open), {@code ws.client.connects}
 * (opens, tagged {@code reconnect=true|false}), {@code ws.client.disconnects} and
 * {@code ws.client.messages.received}.
 */
final class MicrometerClientEndpointObserver implements ClientEndpointObserver {

    private final Map<String, Slot> slots = new HashMap<>();

    /** The meters of one endpoint. */
    private record Slot(AtomicInteger connected, Counter firstConnects, Counter reconnects, Counter disconnects,
            Counter received) {
    }

    MicrometerClientEndpointObserver(MeterRegistry registry, WsClient client, Collection<String> endpoints) {
        Gauge.builder("ws.client.sessions", client, WsClient::sessionCount)
                .description("Sessions of the application's WebSocket client, opening or open").register(registry);
        for (String endpoint : endpoints) {
            AtomicInteger connected = new AtomicInteger();
            Gauge.builder("ws.client.connected", connected, AtomicInteger::get).tag("endpoint", endpoint)
                    .description("1 while the client endpoint's connection is open").register(registry);
            slots.put(endpoint, new Slot(connected,
                    Counter.builder("ws.client.connects").tag("endpoint", endpoint).tag("reconnect", "false").register(registry),
                    Counter.builder("ws.client.connects").tag("endpoint", endpoint).tag("reconnect", "true").register(registry),
                    Counter.builder("ws.client.disconnects").tag("endpoint", endpoint).register(registry),
                    Counter.builder("ws.client.messages.received").tag("endpoint", endpoint).register(registry)));
        }
    }

    @Override
    public void connected(String endpoint, boolean reconnect) {
        Slot slot = slots.get(endpoint);
        if (slot != null) {
            slot.connected().set(1);
            (reconnect ? slot.reconnects() : slot.firstConnects()).increment();
        }
    }

    @Override
    public void disconnected(String endpoint, int code) {
        Slot slot = slots.get(endpoint);
        if (slot != null) {
            slot.connected().set(0);
            slot.disconnects().increment();
        }
    }

    @Override
    public void received(String endpoint) {
        Slot slot = slots.get(endpoint);
        if (slot != null) {
            slot.received().increment();
        }
    }
}
