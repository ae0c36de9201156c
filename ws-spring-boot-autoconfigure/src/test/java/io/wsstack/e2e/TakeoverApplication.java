package io.wsstack.e2e;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.HandlerDispatch;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsSession;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application for the Tomcat socket-takeover tests. {@code /where} (its handlers on the socket
 * loop: {@code handler-dispatch=event-loop}) and {@code /block} (on a handler lane) answer
 * "thread" with the name of the thread their handler runs on, "close" with a Close 4000, and echo
 * other text; {@code /block} holds its handler on {@link #gate} while it handles "block", and takes 3 ms over "slow".
 * {@code /count} counts binary messages, each handler call waiting for {@link #gate} first.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OpenServletApplication.class)
class TakeoverApplication {

    /** Shut by a test to hold the handlers of {@code /block} and {@code /count}; opened to let them go. */
    static volatile CountDownLatch gate = new CountDownLatch(0);
    /** Binary messages {@code /count} has handled. */
    static final AtomicInteger COUNTED = new AtomicInteger();

    @Bean
    WsEndpointRegistry wsEndpointRegistry() {
        return new WsEndpointRegistry(List.of(
                E2eEndpoints.endpoint(E2eEndpoints.settings("where", "/where").handlerDispatch(HandlerDispatch.EVENT_LOOP), new Where()),
                E2eEndpoints.endpoint(E2eEndpoints.settings("block", "/block"), new Block()),
                E2eEndpoints.endpoint(E2eEndpoints.settings("count", "/count"), new Count())));
    }


    static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class Where implements WsEndpointHandler {
        @Override
        public void onText(WsSession session, String text) {
            answer(session, text);
        }
    }

    static void answer(WsSession session, String text) {
        if (text.equals("thread")) {
            session.sendText(Thread.currentThread().getName());
        } else if (text.equals("close")) {
            session.close(new WsCloseStatus(4000, "asked to"));
        } else {
            session.sendText(text);
        }
    }

    static final class Block implements WsEndpointHandler {
        @Override
        public void onText(WsSession session, String text) {
            if (text.equals("block")) {
                await(gate);
            } else if (text.equals("slow")) {
                sleepMillis(3);
            }
            answer(session, text);
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class Count implements WsEndpointHandler {
        @Override
        public void onBinary(WsSession session, ByteBuffer data) {
            await(gate);
            COUNTED.incrementAndGet();
        }
    }
}
