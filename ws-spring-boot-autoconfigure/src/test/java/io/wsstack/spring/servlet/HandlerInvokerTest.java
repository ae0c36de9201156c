package io.wsstack.spring.servlet;

import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.WsSessionRegistryTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerInvokerTest {

    private final List<String> calls = new ArrayList<>();
    private final WsSession session = new WsSessionRegistryTest.FakeSession("s", "e", WsSessionRegistry.FrameSharing.PLAIN);
    private final WsEndpointHandler handler = new WsEndpointHandler() {
        @Override
        public void onError(WsSession s, Throwable error) {
            calls.add("onError:" + error.getClass().getSimpleName());
        }
    };
    private final HandlerInvoker invoker = new HandlerInvoker(handler, "e", new WsObserver() {
        @Override
        public void handlerInvoked(String endpoint, long nanos, boolean failed) {
            calls.add("observed:" + failed);
        }
    }, () -> 0L);

    @Test
    @DisplayName("RFC 6455 §7.4.1: a handler failure closes with 1011, then onError is called")
    void failureCloses1011ThenReports() {
        invoker.invoke(session, h -> { throw new IllegalStateException("boom"); }, (code, reason) -> calls.add("close:" + code));
        assertThat(calls).containsExactly("observed:true", "close:1011", "onError:IllegalStateException");
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a handler's WebSocketProtocolException closes with its own code (1007)")
    void protocolExceptionKeepsItsCode() {
        invoker.invoke(session, h -> { throw new WebSocketProtocolException.InvalidPayload("bad json"); },
                (code, reason) -> calls.add("close:" + code));
        assertThat(calls).contains("close:1007");
    }

    @Test
    @DisplayName("A handler that returns normally closes nothing")
    void successClosesNothing() {
        invoker.invoke(session, h -> { }, (code, reason) -> calls.add("close:" + code));
        assertThat(calls).containsExactly("observed:false");
    }
}
