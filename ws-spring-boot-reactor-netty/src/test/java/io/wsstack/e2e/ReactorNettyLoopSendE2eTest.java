package io.wsstack.e2e;

import org.springframework.boot.test.context.SpringBootTest;

/** {@link AbstractLoopSendE2eTest} in plain TCP with the echo's handlers on the event loop: the loop's own writes take the direct path. */
@SpringBootTest(classes = {ReactorNettyE2eApplication.class, AbstractLoopSendE2eTest.SmallSendBuffer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "e2e.handler-dispatch=event-loop")
class ReactorNettyLoopSendE2eTest extends AbstractLoopSendE2eTest {

    @Override
    RawWebSocketClient connect() throws Exception {
        return RawWebSocketClient.connect(port, 4096);
    }
}
