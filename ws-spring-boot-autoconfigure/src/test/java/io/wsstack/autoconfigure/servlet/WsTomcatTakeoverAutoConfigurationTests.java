package io.wsstack.autoconfigure.servlet;

import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.servlet.TomcatSocketTakeover;
import io.wsstack.spring.transport.LiveSessions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Tomcat socket takeover's beans and properties ({@code ws.tomcat.*}). */
class WsTomcatTakeoverAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsServletAutoConfiguration.class))
            .withBean(LiveSessions.class, LiveSessions::new)
            .withBean(WsSessionRegistry.class)
            .withBean(WsEndpointRegistry.class, () -> new WsEndpointRegistry(List.of(echo())));

    private static WsEndpoint echo() {
        WsEndpointSettings settings = new WsEndpointSettings("echo", "/echo", List.of(), List.of(), 65536, 65536, 4096,
                Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(5), 1 << 20,
                SendBufferOverflowPolicy.CLOSE);
        return new WsEndpoint(settings, PathTemplate.parse("/echo"), new WsEndpointHandler() {
        });
    }

    @Test
    @DisplayName("On Tomcat the socket takeover is on by default and ws.tomcat.* is claimed")
    void onByDefault() {
        runner.run(context -> assertThat(context).hasSingleBean(TomcatSocketTakeover.class)
                .hasSingleBean(WsTomcatProperties.class)
                .hasBean("wsTomcatPropertyNamespace"));
    }

    @Test
    @DisplayName("ws.tomcat.socket-takeover=false leaves every connection on the servlet upgrade")
    void switchedOff() {
        runner.withPropertyValues("ws.tomcat.socket-takeover=false")
                .run(context -> assertThat(context).doesNotHaveBean(TomcatSocketTakeover.class));
    }

    @Test
    @DisplayName("Without Tomcat on the class path there is no takeover")
    void needsTomcat() {
        runner.withClassLoader(new FilteredClassLoader("org.apache.tomcat.util.net"))
                .run(context -> assertThat(context).doesNotHaveBean(TomcatSocketTakeover.class)
                        .doesNotHaveBean(WsTomcatProperties.class));
    }

    @Test
    @DisplayName("ws.tomcat.event-loop-endpoints must name endpoints")
    void eventLoopEndpointsChecked() {
        runner.withPropertyValues("ws.tomcat.event-loop-endpoints=nope")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("ws.tomcat.event-loop-endpoints names 'nope'"));
        runner.withPropertyValues("ws.tomcat.event-loop-endpoints=echo", "ws.tomcat.handler-threads=3",
                        "ws.tomcat.socket-threads=2")
                .run(context -> {
                    WsTomcatProperties properties = context.getBean(WsTomcatProperties.class);
                    assertThat(properties.getEventLoopEndpoints()).containsExactly("echo");
                    assertThat(properties.getHandlerThreads()).isEqualTo(3);
                    assertThat(properties.getSocketThreads()).isEqualTo(2);
                    assertThat(context).hasSingleBean(TomcatSocketTakeover.class);
                });
    }
}
