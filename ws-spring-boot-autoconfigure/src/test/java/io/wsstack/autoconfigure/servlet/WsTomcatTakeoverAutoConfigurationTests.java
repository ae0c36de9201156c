package io.wsstack.autoconfigure.servlet;

import io.wsstack.autoconfigure.WsProperties;
import io.wsstack.spring.HandlerDispatch;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Tomcat socket takeover's beans and properties ({@code ws.tomcat.*}). */
@ExtendWith(OutputCaptureExtension.class)
class WsTomcatTakeoverAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsServletAutoConfiguration.class))
            .withBean(LiveSessions.class, LiveSessions::new)
            .withBean(WsSessionRegistry.class)
            .withBean(WsEndpointRegistry.class, () -> new WsEndpointRegistry(List.of(echo())));

    private static WsEndpoint echo() {
        return endpoint("echo", HandlerDispatch.WORKER);
    }

    private static WsEndpoint endpoint(String name, HandlerDispatch dispatch) {
        WsEndpointSettings settings = new WsEndpointSettings(name, "/" + name, List.of(), List.of(), 65536, 65536, 4096,
                Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(5), 1 << 20,
                SendBufferOverflowPolicy.CLOSE, dispatch);
        return new WsEndpoint(settings, PathTemplate.parse("/" + name), new WsEndpointHandler() {
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
    @DisplayName("the takeover runs on its loops the handlers of the endpoints whose handler-dispatch is event-loop, only those")
    void handlerDispatchSelectsLoopEndpoints() {
        runner.withAllowBeanDefinitionOverriding(true)
                .withBean(WsEndpointRegistry.class, () -> new WsEndpointRegistry(List.of(echo(),
                        endpoint("ticker", HandlerDispatch.EVENT_LOOP))))
                .run(context -> assertThat(context.getBean(TomcatSocketTakeover.class).eventLoopEndpoints())
                        .containsExactly("ticker"));
    }

    @Test
    @DisplayName("deprecated ws.tomcat.event-loop-endpoints still puts its endpoints on the loops, with a warning")
    void deprecatedAliasStillApplies(CapturedOutput output) {
        runner.withAllowBeanDefinitionOverriding(true)
                .withBean(WsEndpointRegistry.class, () -> new WsEndpointRegistry(List.of(echo(),
                        endpoint("ticker", HandlerDispatch.EVENT_LOOP))))
                .withPropertyValues("ws.tomcat.event-loop-endpoints=echo")
                .run(context -> assertThat(context.getBean(TomcatSocketTakeover.class).eventLoopEndpoints())
                        .containsExactlyInAnyOrder("echo", "ticker"));
        assertThat(output).contains("ws.tomcat.event-loop-endpoints is deprecated")
                .contains("ws.endpoints.<name>.handler-dispatch=event-loop");
    }

    @Test
    @DisplayName("the deprecated list naming an endpoint whose own handler-dispatch is worker fails startup naming both")
    void deprecatedAliasContradictingEndpointFails() {
        runner.withUserConfiguration(BoundWsProperties.class)
                .withPropertyValues("ws.endpoints.echo.path=/echo", "ws.endpoints.echo.handler-dispatch=worker",
                        "ws.tomcat.event-loop-endpoints=echo")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("ws.tomcat.event-loop-endpoints names 'echo'")
                        .hasMessageContaining("ws.endpoints.echo.handler-dispatch=worker"));
    }

    @Test
    @DisplayName("with the takeover off, event-loop endpoints are reported once at startup as running on the container's threads")
    void eventLoopWithoutTakeoverIsReported(CapturedOutput output) {
        runner.withAllowBeanDefinitionOverriding(true)
                .withBean(WsEndpointRegistry.class, () -> new WsEndpointRegistry(List.of(echo(),
                        endpoint("ticker", HandlerDispatch.EVENT_LOOP))))
                .withPropertyValues("ws.tomcat.socket-takeover=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TomcatSocketTakeover.class));
        assertThat(output).contains("handler-dispatch=event-loop of WebSocket endpoints [ticker] does not apply");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WsProperties.class)
    static class BoundWsProperties {
    }

    @Test
    @DisplayName("ws.tomcat.event-loop-endpoints must name endpoints")
    @SuppressWarnings("deprecation")
    void eventLoopEndpointsChecked() {
        runner.withPropertyValues("ws.tomcat.event-loop-endpoints=nope")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("ws.tomcat.event-loop-endpoints names 'nope'"));
    }

    @Test
    @DisplayName("ws.tomcat.handler-threads and ws.tomcat.socket-threads bind")
    void threadCountsBind() {
        runner.withPropertyValues("ws.tomcat.handler-threads=3", "ws.tomcat.socket-threads=2")
                .run(context -> {
                    WsTomcatProperties properties = context.getBean(WsTomcatProperties.class);
                    assertThat(properties.getHandlerThreads()).isEqualTo(3);
                    assertThat(properties.getSocketThreads()).isEqualTo(2);
                    assertThat(context).hasSingleBean(TomcatSocketTakeover.class);
                });
    }
}
