package io.wsstack.e2e;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The bad-peer set again with every endpoint's handlers on Netty's event loop
 * (every endpoint's {@code handler-dispatch} is {@code event-loop}: these endpoints come from the
 * test application's registry bean, which {@code e2e.handler-dispatch} sets it for): decoding,
 * handling and writing on one thread,
 * flushed once per read batch. The dispatched mode (the default) runs in
 * {@link ReactorNettyBadPeerE2eTest}.
 */
@SpringBootTest(classes = ReactorNettyE2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "e2e.handler-dispatch=event-loop")
class ReactorNettyEventLoopBadPeerE2eTest extends ReactorNettyBadPeerE2eTest {
}
