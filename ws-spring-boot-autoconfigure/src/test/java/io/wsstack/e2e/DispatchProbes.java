package io.wsstack.e2e;

import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsOnOpen;
import io.wsstack.spring.WsSession;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The handlers of the handler-dispatch tests of every transport (the tests declare the endpoints
 * with {@code ws.endpoints.*}, each choosing its {@code handler-dispatch}). On {@code loop} and
 * {@code worker}, {@code onOpen} sends "open 1", takes {@link #OPEN_MILLIS} (so
 * that the client's first frames arrive while it runs), notes that it finished and returns
 * "open 2", which is sent too. A text message "thread" is answered with the name of the thread
 * its handler runs on, any other with "{@code <text> after open: <whether onOpen had finished>}".
 * {@code slowopen}'s {@code onOpen} waits for {@link #openGate} and then answers alike.
 */
@Configuration(proxyBeanMethods = false)
class DispatchProbes {

    /** How long each probing {@code onOpen} takes. */
    static final long OPEN_MILLIS = 300;

    /** Shut by a test to hold {@code slowopen}'s {@code onOpen}; opened to let it finish. */
    static volatile CountDownLatch openGate = new CountDownLatch(0);

    @Bean
    Probes dispatchProbes() {
        return new Probes();
    }

    static final class Probes {

        @WsOnOpen("loop")
        String openLoop(WsSession session) throws InterruptedException {
            return open(session);
        }

        @WsHandler("loop")
        String loop(String text, WsSession session) {
            return answer(text, session);
        }

        @WsOnOpen("worker")
        String openWorker(WsSession session) throws InterruptedException {
            return open(session);
        }

        @WsHandler("worker")
        String worker(String text, WsSession session) {
            return answer(text, session);
        }

        @WsOnOpen("slowopen")
        String openSlow(WsSession session) throws InterruptedException {
            openGate.await(30, TimeUnit.SECONDS);
            session.attributes().put("opened", true);
            return "opened late";
        }

        @WsHandler("slowopen")
        String slow(String text, WsSession session) {
            return answer(text, session);
        }

        private static String open(WsSession session) throws InterruptedException {
            session.sendText("open 1");
            Thread.sleep(OPEN_MILLIS);
            session.attributes().put("opened", true);
            return "open 2";
        }

        private static String answer(String text, WsSession session) {
            if (text.equals("thread")) {
                return Thread.currentThread().getName();
            }
            return text + " after open: " + Boolean.TRUE.equals(session.attributes().get("opened"));
        }
    }
}
