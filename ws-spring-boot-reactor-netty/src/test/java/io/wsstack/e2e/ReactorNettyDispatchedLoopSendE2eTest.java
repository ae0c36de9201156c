package io.wsstack.e2e;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link AbstractLoopSendE2eTest} in plain TCP with the handlers dispatched off the event loop (the
 * default): the lane's writes are handed to the loop, which sends them from its scratch buffer or,
 * while the socket is full, through Netty's buffer.
 */
@SpringBootTest(classes = {ReactorNettyE2eApplication.class, AbstractLoopSendE2eTest.SmallSendBuffer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactorNettyDispatchedLoopSendE2eTest extends AbstractLoopSendE2eTest {

    @Override
    RawWebSocketClient connect() throws Exception {
        return RawWebSocketClient.connect(port, 4096);
    }
}
