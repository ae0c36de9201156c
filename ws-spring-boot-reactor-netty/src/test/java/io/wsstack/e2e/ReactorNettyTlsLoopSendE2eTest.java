package io.wsstack.e2e;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLSocket;
import java.net.InetSocketAddress;

/**
 * {@link AbstractLoopSendE2eTest} over TLS on the application's port, handlers on the event loop:
 * Netty's {@code SslHandler} sits in front of ours, so the loop's writes must go through the
 * pipeline and never straight to the socket (a frame sent past the TLS layer would break the
 * client's TLS record stream at the first echo).
 */
@SpringBootTest(classes = {ReactorNettyE2eApplication.class, AbstractLoopSendE2eTest.SmallSendBuffer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "e2e.handler-dispatch=event-loop")
class ReactorNettyTlsLoopSendE2eTest extends AbstractLoopSendE2eTest {

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        TestTls.serveOverTls(registry);
    }

    @Override
    RawWebSocketClient connect() throws Exception {
        SSLSocket socket = (SSLSocket) TestTls.trustAll().getSocketFactory().createSocket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        socket.startHandshake();
        return RawWebSocketClient.over(socket);
    }
}
