package io.wsstack.spring.servlet;

import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.WsSessionRegistryTest;
import io.wsstack.spring.transport.FrameSharing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerInvokerTest {

    private final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final WsSession session = new WsSessionRegistryTest.FakeSession("s", "e", FrameSharing.PLAIN);
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
    @DisplayName("Calls never overlap: an end reported from inside a handler runs onClose after the handler returns")
    void nestedEndIsDeferred() {
        invoker.invoke(session, h -> {
            calls.add("onText:start");
            invoker.invokeOrDefer(session, h2 -> calls.add("onClose"), (code, reason) -> { }, () -> calls.add("closed"));
            calls.add("onText:end");
        }, (code, reason) -> { });
        assertThat(calls).containsExactly("onText:start", "onText:end", "observed:false", "onClose", "observed:false", "closed");
    }

    @Test
    @DisplayName("Calls never overlap: another thread's end waits for the running handler without blocking that thread")
    void otherThreadEndIsHandedOver() throws Exception {
        java.util.concurrent.CountDownLatch inHandler = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch handedOver = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> invoker.invoke(session, h -> {
            calls.add("onText:start");
            inHandler.countDown();
            handedOver.await();
            calls.add("onText:end");
        }, (code, reason) -> { }));
        reader.start();
        inHandler.await();
        invoker.invokeOrDefer(session, h -> calls.add("onClose"), (code, reason) -> { }, () -> { });
        calls.add("timer returned");
        handedOver.countDown();
        reader.join();
        assertThat(calls).containsSubsequence("onText:start", "timer returned", "onText:end", "onClose");
    }

    @Test
    @DisplayName("A handler that returns normally closes nothing")
    void successClosesNothing() {
        invoker.invoke(session, h -> { }, (code, reason) -> calls.add("close:" + code));
        assertThat(calls).containsExactly("observed:false");
    }
}
