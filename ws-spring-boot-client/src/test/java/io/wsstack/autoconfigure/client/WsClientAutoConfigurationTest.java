package io.wsstack.autoconfigure.client;

import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.autoconfigure.WsUnknownPropertiesException;
import io.wsstack.client.Disconnect;
import io.wsstack.client.ReconnectPolicy;
import io.wsstack.client.WsClient;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.client.ClientEndpointConnector;
import io.wsstack.spring.handler.WsHandlerDefinitionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.springframework.boot.diagnostics.FailureAnalysis;
import io.wsstack.autoconfigure.WsUnknownPropertiesFailureAnalyzer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The client auto-configuration in a plain (non-web) application: beans, back-off, property checks. */
class WsClientAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsClientAutoConfiguration.class));

    static class TickerHandler {
        @WsHandler("ticker")
        void onText(String text) {
        }
    }

    static class BadHandler {
        @WsHandler("ticker")
        void onText(String text, Thread unsupported) {
        }
    }

    @Test
    @DisplayName("a WsClient bean and an endpoint connector with nothing to connect, without any ws.* property")
    void defaults() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(WsClient.class).hasSingleBean(ClientEndpointConnector.class);
            assertThat(context.getBean(WsClient.class).sessionCount()).isZero();
        });
    }

    @Test
    @DisplayName("an application's own WsClient replaces ours")
    void backsOff() {
        runner.withBean("myClient", WsClient.class, () -> WsClient.builder().build())
                .run(context -> assertThat(context).hasSingleBean(WsClient.class).hasBean("myClient"));
    }

    @Test
    @DisplayName("ws.enabled=false turns the client off too")
    void disabled() {
        runner.withPropertyValues("ws.enabled=false").run(context -> assertThat(context).doesNotHaveBean(WsClient.class));
    }

    @Test
    @DisplayName("a value the client rejects fails startup naming the property")
    void badValueNamed() {
        runner.withPropertyValues("ws.client.follow-redirects=99").run(context -> assertThat(context).getFailure()
                .rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("ws.client.follow-redirects"));
        runner.withPropertyValues("ws.client.reconnect.multiplier=0.5").withBean(TickerHandler.class)
                .withPropertyValues("ws.clients.ticker.uri=ws://127.0.0.1:9/x")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("ws.clients.ticker.reconnect.multiplier"));
    }

    @Test
    @DisplayName("a client endpoint needs a ws:// or wss:// URI")
    void endpointUriChecked() {
        runner.withBean(TickerHandler.class).withPropertyValues("ws.clients.ticker.subprotocols=a")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("ws.clients.ticker.uri").hasMessageContaining("needs the ws:// or wss:// URI"));
        runner.withBean(TickerHandler.class).withPropertyValues("ws.clients.ticker.uri=http://example.com/")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("must start with ws:// or wss://"));
    }

    @Test
    @DisplayName("a client endpoint named like a server endpoint is refused: @WsHandler(name) would be ambiguous")
    void nameClash() {
        runner.withBean(TickerHandler.class)
                .withPropertyValues("ws.clients.ticker.uri=ws://127.0.0.1:9/x", "ws.endpoints.ticker.path=/ticker")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("also a server endpoint"));
    }

    @Test
    @DisplayName("client handler methods follow the server's parameter rules: an unsupported parameter fails startup")
    void handlerRulesShared() {
        runner.withBean(BadHandler.class).withPropertyValues("ws.clients.ticker.uri=ws://127.0.0.1:9/x")
                .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(WsHandlerDefinitionException.class));
        runner.withPropertyValues("ws.clients.ticker.uri=ws://127.0.0.1:9/x")
                .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(WsHandlerDefinitionException.class)
                        .hasMessageContaining("ticker"));
    }

    @Test
    @DisplayName("an endpoint's reconnect values override ws.client.reconnect, the rest is inherited")
    void reconnectMerged() {
        WsClientProperties.Reconnect global = new WsClientProperties.Reconnect();
        global.setMaxAttempts(3);
        global.setInitialDelay(Duration.ofMillis(200));
        WsClientProperties.Reconnect endpoint = new WsClientProperties.Reconnect();
        endpoint.setMaxDelay(Duration.ofMillis(300));
        WsClientProperties.Reconnect merged = endpoint.over(global.over(WsClientProperties.Reconnect.defaults()));
        assertThat(merged.getMaxAttempts()).isEqualTo(3);
        assertThat(merged.getInitialDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(merged.getMaxDelay()).isEqualTo(Duration.ofMillis(300));
        assertThat(merged.getMultiplier()).isEqualTo(2.0);

        ReconnectPolicy policy = WsClientSettings.policy("ws.clients.x.reconnect", merged);
        Disconnect lost = Disconnect.closed(new WsCloseStatus(1006, ""));
        assertThat(policy.shouldRetry(lost, 2, Duration.ZERO)).isTrue();
        assertThat(policy.shouldRetry(lost, 3, Duration.ZERO)).isFalse();
        assertThat(policy.delayBefore(10)).isLessThanOrEqualTo(Duration.ofMillis(300));

        endpoint.setEnabled(false);
        assertThat(WsClientSettings.policy("ws.clients.x.reconnect", endpoint.over(merged))).isNull();
    }

    @Test
    @DisplayName("ws.client.* and ws.clients.* are this module's keys: the server's unknown-key check passes them only with it")
    void clientKeysAreClaimedByThisModule() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
                .withPropertyValues("ws.client.connect-timeout=5s", "ws.client.reconnect.enabled=false",
                        "ws.clients.ticker.uri=ws://127.0.0.1:9/x");
        // With the module: its keys pass, and the server leaves @WsHandler("ticker") to the client.
        web.withConfiguration(AutoConfigurations.of(WsClientAutoConfiguration.class)).withBean(TickerHandler.class)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ClientEndpointConnector.class));
        web.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(WsUnknownPropertiesException.class)
                    .hasMessageContaining("ws.client.connect-timeout")
                    .hasMessageContaining("ws.clients.ticker.uri");
        });
    }

    @ParameterizedTest(name = "misspelt client key {0} fails startup naming it")
    @ValueSource(strings = {"ws.client.conect-timeout", "ws.client.reconnect.max-atempts", "ws.client.proxy.hots",
            "ws.clients.ticker.url", "ws.clients.ticker.reconnect.enable"})
    void misspeltClientKeyFails(String key) {
        runner.withBean(TickerHandler.class).withPropertyValues("ws.clients.ticker.uri=ws://127.0.0.1:9/x", key + "=1")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOf(WsUnknownPropertiesException.class);
                    WsUnknownPropertiesException failure = (WsUnknownPropertiesException) context.getStartupFailure();
                    assertThat(failure.unknownKeys()).singleElement(InstanceOfAssertFactories.STRING).startsWith(key + " ");
                    assertThat(failure.knownPrefixes()).containsExactly("ws.client (ws-spring-boot-client)",
                            "ws.clients (ws-spring-boot-client)");
                    // The same "APPLICATION FAILED TO START" report as the core's unknown keys.
                    FailureAnalysis analysis = new WsUnknownPropertiesFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getDescription()).contains("No module binds").contains(key);
                    assertThat(analysis.getAction()).contains("ws.clients (ws-spring-boot-client)");
                });
    }

    @Test
    @DisplayName("every documented kind of client key binds without a complaint: maps, lists, nested reconnect and proxy")
    void knownClientKeysPass() {
        runner.withBean(TickerHandler.class)
                .withPropertyValues("ws.client.connect-timeout=5s", "ws.client.max-frame-size=64KB",
                        "ws.client.proxy.host=proxy.local", "ws.client.proxy.bypass=a,b",
                        "ws.client.reconnect.max-attempts=3", "ws.clients.ticker.uri=ws://127.0.0.1:9/x",
                        "ws.clients.ticker.subprotocols[0]=v1", "ws.clients.ticker.headers.X-Api-Key=k",
                        "ws.clients.ticker.reconnect.enabled=false", "ws.endpoints.chat.path=/chat")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    @DisplayName("a misspelt client key fails in a web application too, beside the core's check")
    void misspeltClientKeyFailsBesideTheCore() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsClientAutoConfiguration.class))
                .withPropertyValues("ws.client.conect-timeout=5s")
                .run(context -> assertThat(context.getStartupFailure()).isInstanceOf(WsUnknownPropertiesException.class)
                        .hasMessageContaining("ws.client.conect-timeout"));
    }
}
