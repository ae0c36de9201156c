package io.wsstack.autoconfigure.reactive;

import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.autoconfigure.WsUnknownPropertiesException;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.reactive.ReactorNettyTransport;
import io.wsstack.spring.reactive.WsReactiveUpgradeFilter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;
import reactor.netty.http.server.HttpServer;

import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class WsReactorNettyAutoConfigurationTests {

    private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsReactorNettyAutoConfiguration.class))
            .withUserConfiguration(EchoHandler.class)
            .withPropertyValues("ws.endpoints.echo.path=/echo");

    @Test
    void reactiveApplicationGetsTheReactorNettyTransport() {
        reactive.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(WsReactiveUpgradeFilter.class);
            assertThat(context).hasSingleBean(ReactorNettyTransport.class);
            assertThat(context).hasSingleBean(WsSessionRegistry.class);
            // Infrastructure threads stay wrapped: nothing Boot's executor and scheduling conditions look for.
            assertThat(context).doesNotHaveBean(Executor.class);
            assertThat(context).doesNotHaveBean(ScheduledExecutorService.class);
        });
    }

    @Test
    void nonReactiveApplicationDoesNotGetIt() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsReactorNettyAutoConfiguration.class))
                .withUserConfiguration(EchoHandler.class)
                .withPropertyValues("ws.endpoints.echo.path=/echo")
                .run(context -> assertThat(context).doesNotHaveBean(WsReactiveUpgradeFilter.class));
    }

    @Test
    void withoutReactorNettyItBacksOff() {
        reactive.withClassLoader(new FilteredClassLoader(HttpServer.class))
                .run(context -> assertThat(context).doesNotHaveBean(WsReactiveUpgradeFilter.class));
    }

    @Test
    void disabledByProperty() {
        reactive.withPropertyValues("ws.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(WsReactiveUpgradeFilter.class));
    }

    @Test
    void eventLoopEndpointMustExist() {
        reactive.withPropertyValues("ws.reactor-netty.event-loop-endpoints=nope")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("ws.reactor-netty.event-loop-endpoints names 'nope'"));
    }

    @Test
    @DisplayName("the deprecated list naming an endpoint whose own handler-dispatch is worker fails startup naming both")
    void deprecatedAliasContradictingEndpointFails() {
        reactive.withPropertyValues("ws.endpoints.echo.handler-dispatch=worker", "ws.reactor-netty.event-loop-endpoints=echo")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("ws.reactor-netty.event-loop-endpoints names 'echo'")
                        .hasMessageContaining("ws.endpoints.echo.handler-dispatch=worker"));
    }

    @Test
    @DisplayName("ws.reactor-netty.event-loop-endpoints is deprecated in the metadata, replaced by the endpoint's handler-dispatch")
    void deprecatedAliasInMetadata() throws Exception {
        JsonNode alias = null;
        Enumeration<URL> files = getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                    if (property.path("name").asString().equals("ws.reactor-netty.event-loop-endpoints")) {
                        alias = property;
                    }
                }
            }
        }
        assertThat(alias).as("ws.reactor-netty.event-loop-endpoints in the metadata").isNotNull();
        assertThat(alias.path("deprecated").asBoolean()).isTrue();
        assertThat(alias.path("deprecation").path("replacement").asString()).isEqualTo("ws.endpoints.*.handler-dispatch");
    }

    @Test
    void unknownReactorNettyPropertyFailsStartup() {
        reactive.withPropertyValues("ws.reactor-netty.event-loop-endpoint=echo")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    @DisplayName("deprecated ws.reactor-netty.event-loop-endpoints still puts its endpoints on the event loop, with a warning")
    @SuppressWarnings("deprecation")
    void deprecatedAliasStillApplies(CapturedOutput output) {
        reactive.withPropertyValues("ws.reactor-netty.event-loop-endpoints=echo")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WsReactorNettyProperties.class).getEventLoopEndpoints()).containsExactly("echo");
                    assertThat(context.getBean(WsReactiveUpgradeFilter.class).dispatch("echo")).isEqualTo("event-loop");
                });
        assertThat(output).contains("ws.reactor-netty.event-loop-endpoints is deprecated")
                .contains("ws.endpoints.<name>.handler-dispatch=event-loop");
    }

    @Test
    void handlerThreadsBind() {
        reactive.withPropertyValues("ws.reactor-netty.handler-threads=3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WsReactorNettyProperties.class).getHandlerThreads()).isEqualTo(3);
                });
    }

    @Test
    void reactorNettyServerIsAccepted() {
        reactive.withBean(NettyReactiveWebServerFactory.class, NettyReactiveWebServerFactory::new)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void webFluxOnAnotherServerFailsAtStartupNamingWhatWorks() {
        reactive.withUserConfiguration(OtherServer.class)
                .run(context -> assertThat(context).getFailure()
                        .hasMessageContaining(OtherServerFactory.class.getName())
                        .hasMessageContaining("Spring MVC on Tomcat 11 or Jetty 12.1")
                        .hasMessageContaining("WebFlux on Reactor Netty"));
    }

    @Configuration(proxyBeanMethods = false)
    static class EchoHandler {
        @WsHandler("echo")
        String echo(String text) {
            return text;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OtherServer {
        @Bean
        OtherServerFactory otherServerFactory() {
            return new OtherServerFactory();
        }
    }

    /** Stands in for Tomcat's or Jetty's reactive server factory. */
    static class OtherServerFactory implements ReactiveWebServerFactory {
        @Override
        public WebServer getWebServer(HttpHandler httpHandler) {
            throw new UnsupportedOperationException("never started in this test");
        }
    }

    @Test
    void reactorNettyKeysAreClaimedOnlyWhileThisTransportIsActive() {
        reactive.withPropertyValues("ws.reactor-netty.handler-threads=2")
                .run(context -> assertThat(context).hasNotFailed());
        reactive.withClassLoader(new FilteredClassLoader(HttpServer.class))
                .withPropertyValues("ws.reactor-netty.handler-threads=2")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOf(WsUnknownPropertiesException.class)
                            .hasMessageContaining("ws.reactor-netty.handler-threads");
                });
    }
}
