package io.wsstack.e2e;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The bad-peer set again with every endpoint's handlers on Netty's event loop
 * ({@code ws.reactor-netty.event-loop-endpoints}, the deprecated alias of
 * {@code handler-dispatch=event-loop}: these endpoints come from a registry bean, not from
 * {@code ws.endpoints.*}): decoding, handling and writing on one thread,
 * flushed once per read batch. The dispatched mode (the default) runs in
 * {@link ReactorNettyBadPeerE2eTest}.
 */
@SpringBootTest(classes = ReactorNettyE2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ws.reactor-netty.event-loop-endpoints=echo,rooms,chat,fail,failopen,idle,keepalive,push,feed,secure,open")
class ReactorNettyEventLoopBadPeerE2eTest extends ReactorNettyBadPeerE2eTest {
}
