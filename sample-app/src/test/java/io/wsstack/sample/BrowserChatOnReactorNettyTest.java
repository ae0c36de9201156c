package io.wsstack.sample;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The browser test again, with the unchanged sample application running as a WebFlux application
 * on Reactor Netty (what {@code -Pwebflux} builds), so the default build covers both web stacks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class BrowserChatOnReactorNettyTest extends BrowserChatTest {

    /** Tomcat is on the default build's class path too: this factory makes Reactor Netty serve. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ReactorNettyServer {
        @Bean
        NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
            return new NettyReactiveWebServerFactory();
        }
    }
}
