package io.wsstack.autoconfigure.client;

import io.wsstack.client.Disconnect;
import io.wsstack.client.ReconnectPolicy;
import io.wsstack.client.WsClient;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.client.ClientEndpointConnector;
import io.wsstack.spring.handler.WsHandlerDefinitionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

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
}
