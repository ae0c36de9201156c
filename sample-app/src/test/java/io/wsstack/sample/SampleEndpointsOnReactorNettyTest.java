package io.wsstack.sample;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The sample's endpoint tests on WebFlux and Reactor Netty, the application unchanged. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "sample.feed.interval=200ms", "spring.main.web-application-type=reactive" })
class SampleEndpointsOnReactorNettyTest extends SampleEndpointsTest {

    /** Tomcat is on the default build's class path too: this factory makes Reactor Netty serve. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ReactorNettyServer {
        @Bean
        NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
            return new NettyReactiveWebServerFactory();
        }
    }
}
