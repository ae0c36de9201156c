package io.wsstack.spring.servlet;

import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.WsSessionRegistryTest;
import io.wsstack.spring.transport.FrameSharing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerInvokerTest {

    /** What the test's onText does. */
    @FunctionalInterface
    interface OnText {
        void run() throws Exception;
    }

    private final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final WsSession session = new WsSessionRegistryTest.FakeSession("s", "e", FrameSharing.PLAIN);
    private volatile OnText onText = () -> { };
    private final WsEndpointHandler handler = new WsEndpointHandler() {
        @Override
        public void onText(WsSession s, String text) throws Exception {
            onText.run();
        }

        @Override
        public void onClose(WsSession s, WsCloseStatus status) {
            calls.add("onClose:" + status.code());
        }

        @Override
        public void onError(WsSession s, Throwable error) {
            calls.add("onError:" + error.getClass().getSimpleName());
        }
    };
    private long clock = 100;
    private final HandlerInvoker invoker = new HandlerInvoker(handler, "e", new WsObserver() {
        @Override
        public void handlerInvoked(String endpoint, long nanos, boolean failed) {
            calls.add("observed:" + failed);
        }
    }.bind("e"), () -> clock);

    private void text(HandlerInvoker.Closer closer) {
        invoker.invoke(session, HandlerInvoker.TEXT, "m", closer);
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a handler failure closes with 1011, then onError is called")
    void failureCloses1011ThenReports() {
        onText = () -> { throw new IllegalStateException("boom"); };
        text((code, reason) -> calls.add("close:" + code));
        assertThat(calls).containsExactly("observed:true", "close:1011", "onError:IllegalStateException");
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a handler's WebSocketProtocolException closes with its own code (1007)")
    void protocolExceptionKeepsItsCode() {
        onText = () -> { throw new WebSocketProtocolException.InvalidPayload("bad json"); };
        text((code, reason) -> calls.add("close:" + code));
        assertThat(calls).contains("close:1007");
    }

    @Test
    @DisplayName("Calls never overlap: an end reported from inside a handler runs onClose after the handler returns")
    void nestedEndIsDeferred() {
        onText = () -> {
            calls.add("onText:start");
            invoker.invokeOrDefer(session, HandlerInvoker.CLOSE, WsCloseStatus.NORMAL, (code, reason) -> { }, () -> calls.add("closed"));
            calls.add("onText:end");
        };
        text((code, reason) -> { });
        assertThat(calls).containsExactly("onText:start", "onText:end", "observed:false", "onClose:1000", "observed:false", "closed");
    }

    @Test
    @DisplayName("Calls never overlap: another thread's end waits for the running handler without blocking that thread")
    void otherThreadEndIsHandedOver() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch handedOver = new CountDownLatch(1);
        onText = () -> {
            calls.add("onText:start");
            inHandler.countDown();
            handedOver.await();
            calls.add("onText:end");
        };
        Thread reader = new Thread(() -> text((code, reason) -> { }));
        reader.start();
        inHandler.await();
        invoker.invokeOrDefer(session, HandlerInvoker.CLOSE, WsCloseStatus.ABNORMAL, (code, reason) -> { }, () -> { });
        calls.add("timer returned");
        handedOver.countDown();
        reader.join();
        assertThat(calls).containsSubsequence("onText:start", "timer returned", "onText:end", "onClose:1006");
    }

    @Test
    @DisplayName("onClose is the last call: an event whose dispatch passed the session's end check before a timer ended it does not run after onClose")
    void nothingAfterOnClose() {
        // The read thread has checked "not finished" and is about to invoke onText when the timer
        // thread (close timeout) ends the session: the turn is free, so onClose runs there first.
        invoker.invokeOrDefer(session, HandlerInvoker.CLOSE, WsCloseStatus.ABNORMAL, (code, reason) -> { }, () -> calls.add("closed"));
        onText = () -> calls.add("onText");
        text((code, reason) -> calls.add("close:" + code));
        assertThat(calls).containsExactly("onClose:1006", "observed:false", "closed");
    }

    @Test
    @DisplayName("A handler that returns normally closes nothing")
    void successClosesNothing() {
        text((code, reason) -> calls.add("close:" + code));
        assertThat(calls).containsExactly("observed:false");
    }

    @Test
    @DisplayName("A timed call runs from the caller's clock reading and returns the one it took at the end")
    void timedFromCallersReading() {
        long[] observed = new long[1];
        HandlerInvoker timed = new HandlerInvoker(handler, "e", new WsObserver() {
            @Override
            public void handlerInvoked(String endpoint, long nanos, boolean failed) {
                observed[0] = nanos;
            }
        }.bind("e"), () -> clock);
        onText = () -> clock = 250;
        long end = timed.invokeTimed(session, HandlerInvoker.TEXT, "m", (code, reason) -> { }, 200, null);
        assertThat(end).isEqualTo(250);
        assertThat(observed[0]).isEqualTo(50);
    }
}
