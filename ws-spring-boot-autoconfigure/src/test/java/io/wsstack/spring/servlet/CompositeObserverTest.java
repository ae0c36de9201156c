package io.wsstack.spring.servlet;

import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsObserver.MessageType;
import io.wsstack.spring.WsObserver.SlowConsumerAction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Read-batch totals reach observers only when every bound observer sums (meters), never one that looks at each message. */
class CompositeObserverTest {

    @Test
    @DisplayName("observers that all sum take a batch's totals, each of them gets them")
    void totalsWhenEveryObserverSums() {
        Recording first = new Recording(true);
        Recording second = new Recording(true);
        WsObserver.EndpointObserver bound = new CompositeObserver(List.of(observerOf(first), observerOf(second))).bind("echo");

        assertThat(bound.takesTotals()).isTrue();
        bound.messagesReceived(MessageType.TEXT, 16, 320, 416);
        bound.messagesSent(MessageType.BINARY, 3, 30, 36);
        assertThat(first.events).containsExactly("received TEXT x16 320/416", "sent BINARY x3 30/36");
        assertThat(second.events).containsExactly("received TEXT x16 320/416", "sent BINARY x3 30/36");
    }

    @Test
    @DisplayName("one observer that looks at each message (the default) makes the transport report message by message")
    void noTotalsWhenOneObserverWantsEachMessage() {
        Recording meters = new Recording(true);
        WsObserver perMessage = new WsObserver() {
            // binds with the default adapter, which takes one message at a time
        };
        WsObserver.EndpointObserver bound = new CompositeObserver(List.of(observerOf(meters), perMessage)).bind("echo");

        assertThat(bound.takesTotals()).isFalse();
        assertThat(perMessage.bind("echo").takesTotals()).isFalse();
    }

    @Test
    @DisplayName("an endpoint's sessions share one binding; another endpoint gets its own")
    void oneBindingPerEndpoint() {
        List<String> bindCalls = new ArrayList<>();
        WsObserver counting = new WsObserver() {
            @Override
            public EndpointObserver bind(String name) {
                bindCalls.add(name);
                return new Recording(true);
            }
        };
        CompositeObserver composite = new CompositeObserver(List.of(counting, observerOf(new Recording(true))));

        WsObserver.EndpointObserver first = composite.bind("echo");
        assertThat(composite.bind("echo")).isSameAs(first);
        assertThat(composite.bind("chat")).isNotSameAs(first);
        assertThat(bindCalls).containsExactly("echo", "chat");
    }

    private static WsObserver observerOf(WsObserver.EndpointObserver endpoint) {
        return new WsObserver() {
            @Override
            public EndpointObserver bind(String name) {
                return endpoint;
            }
        };
    }

    private static final class Recording implements WsObserver.EndpointObserver {

        final List<String> events = new ArrayList<>();
        private final boolean sums;

        Recording(boolean sums) {
            this.sums = sums;
        }

        @Override
        public boolean takesTotals() {
            return sums;
        }

        @Override
        public void messagesReceived(MessageType type, long count, long payloadBytes, long wireBytes) {
            events.add("received " + type + " x" + count + " " + payloadBytes + "/" + wireBytes);
        }

        @Override
        public void messagesSent(MessageType type, long count, long payloadBytes, long wireBytes) {
            events.add("sent " + type + " x" + count + " " + payloadBytes + "/" + wireBytes);
        }

        @Override
        public void messageReceived(MessageType type, long payloadBytes, long wireBytes) {
            events.add("received " + type + " " + payloadBytes + "/" + wireBytes);
        }

        @Override
        public void messageSent(MessageType type, long payloadBytes, long wireBytes) {
            events.add("sent " + type + " " + payloadBytes + "/" + wireBytes);
        }

        @Override
        public void handlerInvoked(long nanos, boolean failed) {
        }

        @Override
        public void slowConsumer(SlowConsumerAction action) {
        }
    }
}
