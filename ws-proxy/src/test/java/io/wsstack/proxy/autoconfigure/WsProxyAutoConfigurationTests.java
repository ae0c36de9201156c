package io.wsstack.proxy.autoconfigure;

import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.autoconfigure.WsUnknownPropertiesException;
import io.wsstack.autoconfigure.servlet.WsServletAutoConfiguration;
import io.wsstack.proxy.ProxyRoutes;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsHandshakeParticipant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes from properties: endpoints they become, what they inherit, and startup failures naming the property. */
class WsProxyAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsServletAutoConfiguration.class,
                    WsProxyAutoConfiguration.class))
            .withPropertyValues("ws.proxy.routes.backend.path=/backend/{room}",
                    "ws.proxy.routes.backend.upstream=ws://chat.internal:8080/rooms/{room}");

    @Test
    @DisplayName("a route becomes an endpoint named after it whose handler takes part in the handshake")
    void routeBecomesEndpoint() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ProxyRoutes.class);
            WsEndpoint endpoint = context.getBean(WsEndpointRegistry.class).byName("backend").orElseThrow();
            assertThat(endpoint.settings().path()).isEqualTo("/backend/{room}");
            assertThat(endpoint.handler()).isInstanceOf(WsHandshakeParticipant.class);
        });
    }

    @Test
    @DisplayName("a route inherits limits, timeouts and allowed origins from ws.defaults; its own allowed-origins wins")
    void routeInheritsDefaults() {
        runner.withPropertyValues("ws.defaults.max-message-size=64KB", "ws.defaults.idle-timeout=2m",
                "ws.defaults.allowed-origins=https://a.example", "ws.proxy.routes.other.path=/other",
                "ws.proxy.routes.other.upstream=wss://other.internal/", "ws.proxy.routes.other.allowed-origins=*")
                .run(context -> {
                    WsEndpointRegistry registry = context.getBean(WsEndpointRegistry.class);
                    WsEndpoint backend = registry.byName("backend").orElseThrow();
                    assertThat(backend.settings().maxMessageSize()).isEqualTo(65536);
                    assertThat(backend.settings().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(backend.settings().allowedOrigins()).containsExactly("https://a.example");
                    assertThat(registry.byName("other").orElseThrow().settings().allowedOrigins()).containsExactly("*");
                });
    }

    @ParameterizedTest(name = "{0}={1} fails startup naming the property")
    @CsvSource(delimiter = '|', value = {
            "ws.proxy.routes.backend.upstream|http://chat.internal/|ws:// or wss://",
            "ws.proxy.routes.backend.upstream|ws://chat.internal/{user}|not a variable of the route's path",
            "ws.proxy.routes.backend.upstream|ws:///nohost|no host",
            "ws.proxy.routes.backend.path|backend|must start with '/'",
            "ws.proxy.routes.backend.forward-headers|Connection|never forwarded",
            "ws.proxy.routes.backend.forward-headers|Sec-WebSocket-Extensions|never forwarded",
            "ws.proxy.routes.backend.forward-headers|X-Forwarded-For|never forwarded",
            "ws.proxy.routes.backend.forward-headers|Proxy-Authorization|never forwarded",
            "ws.proxy.routes.backend.connect-timeout|0s|greater than zero",
            "ws.proxy.routes.backend.send-timeout|-1s|greater than zero",
            "ws.proxy.routes.backend.allowed-origins|https://a.example/app|no path",
            "ws.proxy.routes.backend.ssl-bundle|internal|needs a wss:// upstream" })
    void invalidValueFailsNamingProperty(String property, String value, String reason) {
        runner.withPropertyValues(property + "=" + value).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining(property).hasMessageContaining(reason));
    }

    @Test
    @DisplayName("list properties bind in indexed form too, as YAML lists produce them")
    void indexedListsBind() {
        runner.withPropertyValues("ws.proxy.routes.backend.forward-headers[0]=Authorization",
                "ws.proxy.routes.backend.forward-headers[1]=X-Api",
                "ws.proxy.routes.backend.allowed-origins[0]=https://a.example")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WsEndpointRegistry.class).byName("backend").orElseThrow()
                            .settings().allowedOrigins()).containsExactly("https://a.example");
                });
    }

    @Test
    @DisplayName("an ssl-bundle that spring.ssl.bundle does not define fails startup naming the property")
    void unknownSslBundleFails() {
        runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
                .withPropertyValues("ws.proxy.routes.backend.upstream=wss://chat.internal/{room}",
                        "ws.proxy.routes.backend.ssl-bundle=internal")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("ws.proxy.routes.backend.ssl-bundle")
                        .hasMessageContaining("no SSL bundle of that name"));
    }

    @Test
    @DisplayName("a route without an upstream fails startup naming ws.proxy.routes.<name>.upstream")
    void missingUpstreamFails() {
        runner.withPropertyValues("ws.proxy.routes.lost.path=/lost").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("ws.proxy.routes.lost.upstream"));
    }

    @Test
    @DisplayName("a misspelt key under ws.proxy fails startup naming it")
    void misspeltKeyFails() {
        runner.withPropertyValues("ws.proxy.routes.backend.upstreem=ws://x/").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("ws.proxy.routes.backend.upstreem"));
    }

    @Test
    @DisplayName("a route on the path of a ws.endpoints entry fails startup naming both")
    void pathClashWithEndpointFails() {
        runner.withPropertyValues("ws.proxy.routes.chat.path=/chat", "ws.proxy.routes.chat.upstream=ws://x/",
                "ws.endpoints.echo.path=/chat")
                .withBean(EchoHandler.class)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'chat' (/chat) clashes with endpoint 'echo' (/chat)"));
    }

    @Test
    @DisplayName("an application's own WsEndpointRegistry that leaves the routes out fails startup naming the route")
    void ownRegistryWithoutRoutesFails() {
        runner.withBean(WsEndpointRegistry.class, () -> new WsEndpointRegistry(java.util.List.of()))
                .run(context -> assertThat(context).getFailure()
                        .hasMessageContaining("ws.proxy.routes.backend is not served"));
    }

    @Test
    @DisplayName("ws.enabled=false creates no route")
    void disabledCreatesNothing() {
        runner.withPropertyValues("ws.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ProxyRoutes.class));
    }

    static class EchoHandler {
        @io.wsstack.spring.WsHandler("echo")
        String echo(String text) {
            return text;
        }
    }

    @Test
    @DisplayName("ws.proxy.* is this module's: the core's unknown-key check passes it only with this module")
    void proxyKeysAreClaimedByThisModule() {
        runner.run(context -> assertThat(context).hasNotFailed());
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsServletAutoConfiguration.class))
                .withPropertyValues("ws.proxy.routes.backend.path=/backend/{room}")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOf(WsUnknownPropertiesException.class)
                            .hasMessageContaining("ws.proxy.routes.backend.path");
                });
    }
}
