package io.wsstack.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.wsstack.core.deflate.DeflateMode;
import io.wsstack.spring.HandlerDispatch;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.testsupport.FailureMessages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding of {@code ws.*}: defaults, inheritance, parsing, and a clear failure for every bad value or key. */
class WsPropertiesBindingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    @DisplayName("an endpoint with only a path gets every default of ws.defaults")
    void endpointWithOnlyPathGetsDefaults() {
        WsEndpointSettings chat = settings("ws.endpoints.chat.path=/chat");
        assertThat(chat).isEqualTo(new WsEndpointSettings("chat", "/chat", List.of(), List.of(), 1 << 20, 1 << 20,
                4096, Duration.ofSeconds(60), Duration.ofSeconds(25), Duration.ofSeconds(10),
                Duration.ofSeconds(10), 1 << 20, SendBufferOverflowPolicy.CLOSE));
        assertThat(chat.handlerDispatch()).isEqualTo(HandlerDispatch.WORKER);
    }

    @Test
    @DisplayName("ws.defaults values are inherited by endpoints that do not set them")
    void defaultsAreInherited() {
        WsEndpointSettings chat = settings("ws.defaults.max-frame-size=64KB", "ws.defaults.idle-timeout=2m",
                "ws.defaults.subprotocols=v1.chat", "ws.endpoints.chat.path=/chat");
        assertThat(chat.maxFrameSize()).isEqualTo(65536);
        assertThat(chat.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(chat.subprotocols()).containsExactly("v1.chat");
    }

    @Test
    @DisplayName("an endpoint's own value wins over ws.defaults")
    void endpointOverridesDefault() {
        WsEndpointSettings chat = settings("ws.defaults.max-frame-size=64KB", "ws.endpoints.chat.path=/chat",
                "ws.endpoints.chat.max-frame-size=16KB", "ws.defaults.subprotocols=v1.chat",
                "ws.endpoints.chat.subprotocols=v2.chat,v3.chat");
        assertThat(chat.maxFrameSize()).isEqualTo(16384);
        assertThat(chat.subprotocols()).containsExactly("v2.chat", "v3.chat");
    }

    @Test
    @DisplayName("sizes parse as DataSize (bare numbers are bytes) and times as Duration")
    void sizesAndDurationsParse() {
        WsEndpointSettings chat = settings("ws.endpoints.chat.path=/chat", "ws.endpoints.chat.max-message-size=2MB",
                "ws.endpoints.chat.max-send-buffer=512", "ws.endpoints.chat.ping-interval=PT20S",
                "ws.endpoints.chat.close-timeout=500ms", "ws.endpoints.chat.handshake-timeout=0");
        assertThat(chat.maxMessageSize()).isEqualTo(2L << 20);
        assertThat(chat.maxSendBuffer()).isEqualTo(512);
        assertThat(chat.pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(chat.closeTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(chat.handshakeTimeout()).isZero();
    }

    @Test
    @DisplayName("send-buffer-overflow binds the kebab-case name drop-newest")
    void overflowPolicyBindsKebabCase() {
        WsEndpointSettings chat = settings("ws.endpoints.chat.path=/chat",
                "ws.endpoints.chat.send-buffer-overflow=drop-newest");
        assertThat(chat.overflowPolicy()).isEqualTo(SendBufferOverflowPolicy.DROP_NEWEST);
    }

    @Test
    @DisplayName("handler-dispatch binds per endpoint (event-loop, kebab-case) over ws.defaults.handler-dispatch")
    void handlerDispatchBindsPerEndpoint() {
        runner.withPropertyValues("ws.endpoints.ticker.path=/ticker", "ws.endpoints.ticker.handler-dispatch=event-loop",
                "ws.endpoints.orders.path=/orders").run(context -> {
                    WsEndpointCatalog catalog = catalog(context.getBean(WsProperties.class));
                    assertThat(catalog.byName("ticker").orElseThrow().handlerDispatch()).isEqualTo(HandlerDispatch.EVENT_LOOP);
                    assertThat(catalog.byName("orders").orElseThrow().handlerDispatch()).isEqualTo(HandlerDispatch.WORKER);
                });
        runner.withPropertyValues("ws.defaults.handler-dispatch=event-loop", "ws.endpoints.ticker.path=/ticker",
                "ws.endpoints.orders.path=/orders", "ws.endpoints.orders.handler-dispatch=worker").run(context -> {
                    WsEndpointCatalog catalog = catalog(context.getBean(WsProperties.class));
                    assertThat(catalog.byName("ticker").orElseThrow().handlerDispatch()).isEqualTo(HandlerDispatch.EVENT_LOOP);
                    assertThat(catalog.byName("orders").orElseThrow().handlerDispatch()).isEqualTo(HandlerDispatch.WORKER);
                });
    }

    @Test
    @DisplayName("a customizer may change an endpoint's handler-dispatch")
    void customizerSetsHandlerDispatch() {
        runner.withPropertyValues("ws.endpoints.ticker.path=/ticker").run(context -> {
            WsEndpointCatalog catalog = WsEndpointCatalog.from(context.getBean(WsProperties.class),
                    List.of(builder -> builder.handlerDispatch(HandlerDispatch.EVENT_LOOP)));
            assertThat(catalog.byName("ticker").orElseThrow().handlerDispatch()).isEqualTo(HandlerDispatch.EVENT_LOOP);
        });
    }

    @Test
    @DisplayName("endpoints keep their declaration order")
    void endpointsKeepOrder() {
        runner.withPropertyValues("ws.endpoints.b.path=/b", "ws.endpoints.a.path=/a", "ws.endpoints.c.path=/c/{x}")
                .run(context -> assertThat(catalog(context.getBean(WsProperties.class)).endpoints())
                        .extracting(WsEndpointSettings::name).containsExactly("b", "a", "c"));
    }

    @Test
    @DisplayName("RFC 7692 §7.1: ws.deflate defaults are full windows, context takeover, dedicated mode")
    void deflateDefaults() {
        runner.run(context -> {
            WsDeflateProperties deflate = context.getBean(WsProperties.class).getDeflate();
            assertThat(deflate.isEnabled()).isTrue();
            assertThat(deflate.getMode()).isEqualTo(DeflateMode.DEDICATED);
            assertThat(deflate.isServerNoContextTakeover()).isFalse();
            assertThat(deflate.isClientNoContextTakeover()).isFalse();
            assertThat(deflate.getServerMaxWindowBits()).isEqualTo(15);
            assertThat(deflate.getClientMaxWindowBits()).isEqualTo(15);
            assertThat(deflate.getLevel()).isEqualTo(-1);
            assertThat(deflate.getThreshold().toBytes()).isEqualTo(64);
            assertThat(deflate.getSharedPoolCapacity()).isEqualTo(16);
            assertThat(deflate.getMemoryLevel()).isEqualTo(8);
            assertThat(deflate.getPreset()).isNull();
        });
    }

    @Test
    @DisplayName("RFC 7692 §7.1: ws.deflate values bind")
    void deflateBinds() {
        runner.withPropertyValues("ws.deflate.mode=shared", "ws.deflate.server-no-context-takeover=true",
                "ws.deflate.client-max-window-bits=9", "ws.deflate.level=1", "ws.deflate.threshold=1KB")
                .run(context -> {
                    WsDeflateProperties deflate = context.getBean(WsProperties.class).getDeflate();
                    assertThat(deflate.getMode()).isEqualTo(DeflateMode.SHARED);
                    assertThat(deflate.isServerNoContextTakeover()).isTrue();
                    assertThat(deflate.getClientMaxWindowBits()).isEqualTo(9);
                    assertThat(deflate.getLevel()).isEqualTo(1);
                    assertThat(deflate.getThreshold().toBytes()).isEqualTo(1024);
                });
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("ws.defaults.max-frame-size", "0", "must be between 1B"),
                Arguments.of("ws.defaults.max-frame-size", "3GB", "must be between 1B"),
                Arguments.of("ws.endpoints.chat.max-frame-size", "-1B", "must be between 1B"),
                Arguments.of("ws.defaults.max-frame-size", "lots", "lots"),
                Arguments.of("ws.defaults.max-message-size", "0", "must be at least 1B"),
                Arguments.of("ws.endpoints.chat.max-message-size", "0KB", "must be at least 1B"),
                Arguments.of("ws.defaults.max-fragments", "0", "must be at least 1"),
                Arguments.of("ws.endpoints.chat.max-fragments", "-5", "must be at least 1"),
                Arguments.of("ws.defaults.idle-timeout", "-1s", "must not be negative"),
                Arguments.of("ws.endpoints.chat.ping-interval", "-5s", "must not be negative"),
                Arguments.of("ws.defaults.handshake-timeout", "-1ms", "must not be negative"),
                Arguments.of("ws.defaults.ping-interval", "soon", "soon"),
                Arguments.of("ws.defaults.close-timeout", "0s", "must be greater than zero"),
                Arguments.of("ws.endpoints.chat.close-timeout", "0", "must be greater than zero"),
                Arguments.of("ws.defaults.max-send-buffer", "0", "must be at least 1B"),
                Arguments.of("ws.defaults.send-buffer-overflow", "explode", "explode"),
                Arguments.of("ws.endpoints.chat.handler-dispatch", "io-thread", "io-thread"),
                Arguments.of("ws.defaults.handler-dispatch", "", "left unbound"),
                Arguments.of("ws.defaults.max-frame-size", "", "left unbound"),
                Arguments.of("ws.deflate.server-max-window-bits", "7", "between 8 and 15"),
                Arguments.of("ws.deflate.server-max-window-bits", "16", "between 8 and 15"),
                Arguments.of("ws.deflate.memory-level", "0", "between 1 and 9"),
                Arguments.of("ws.deflate.memory-level", "10", "between 1 and 9"),
                Arguments.of("ws.deflate.preset", "dedicated-1kb", "dedicated-1kb"),
                Arguments.of("ws.deflate.client-max-window-bits", "16", "between 8 and 15"),
                Arguments.of("ws.deflate.shared-pool-capacity", "-1", "must not be negative"),
                Arguments.of("ws.deflate.threshold", "3GB", "must be below 2GB"),
                Arguments.of("ws.deflate.client-max-window-bits", "abc", "abc"),
                Arguments.of("ws.deflate.level", "10", "between -1 and 9"),
                Arguments.of("ws.deflate.level", "-2", "between -1 and 9"),
                Arguments.of("ws.deflate.threshold", "-1B", "must not be negative"),
                Arguments.of("ws.deflate.mode", "turbo", "turbo"),
                Arguments.of("ws.enabled", "maybe", "maybe"));
    }

    @ParameterizedTest(name = "{0}={1} fails startup naming the property")
    @MethodSource("invalidValues")
    void invalidValueFailsNamingProperty(String property, String value, String reason) {
        assertStartupFails(property, reason, "ws.endpoints.chat.path=/chat", property + "=" + value);
    }

    static Stream<Arguments> misspeltKeys() {
        return Stream.of(
                Arguments.of("ws.defaults.max-frame-sise"),
                Arguments.of("ws.endpoints.chat.pathh"),
                Arguments.of("ws.endpoints.chat.max-fragment"),
                Arguments.of("ws.deflate.levle"),
                Arguments.of("ws.endpoint.chat.path"),
                Arguments.of("ws.enable"));
    }

    @ParameterizedTest(name = "misspelt key {0} fails startup naming it")
    @MethodSource("misspeltKeys")
    void misspeltKeyFailsNamingIt(String key) {
        assertStartupFails(key, "no module binds", key + "=1");
    }

    @Test
    @DisplayName("an unknown key fails naming it and every known prefix with its owner")
    void unknownKeyFailsNamingKnownPrefixes() {
        runner.withBean(WsPropertyNamespace.class, () -> WsPropertyNamespace.of("ws-proxy", "ws.proxy"))
                .withPropertyValues("ws.endpoints.chat.path=/chat", "ws.proxi.routes.backend.path=/b")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOf(WsUnknownPropertiesException.class);
                    WsUnknownPropertiesException failure = (WsUnknownPropertiesException) context.getStartupFailure();
                    assertThat(failure.unknownKeys()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                            .startsWith("ws.proxi.routes.backend.path");
                    assertThat(failure.knownPrefixes()).containsExactlyInAnyOrder("ws.enabled (ws-spring-boot-autoconfigure)",
                            "ws.defaults (ws-spring-boot-autoconfigure)", "ws.endpoints (ws-spring-boot-autoconfigure)",
                            "ws.deflate (ws-spring-boot-autoconfigure)",
                            "ws.inbound-message-budget (ws-spring-boot-autoconfigure)", "ws.proxy (ws-proxy)");
                });
    }

    @Test
    @DisplayName("ws.proxy.* keys fail when no module claims them (ws-proxy absent)")
    void unclaimedModuleKeysFail() {
        assertStartupFails("ws.proxy.routes.backend.path", "no module binds",
                "ws.endpoints.chat.path=/chat", "ws.proxy.routes.backend.path=/b");
    }

    @Test
    @DisplayName("a module's claim lets its keys through, whatever is below the prefix, and nothing beside it")
    void claimedKeysPass() {
        ApplicationContextRunner withClaim = runner.withBean(WsPropertyNamespace.class,
                () -> WsPropertyNamespace.of("ws-proxy", "ws.proxy"));
        withClaim.withPropertyValues("ws.endpoints.chat.path=/chat", "ws.proxy.routes.backend.path=/b",
                        "ws.proxy.routes.backend.upstream=ws://localhost:9000/b")
                .run(context -> assertThat(context).hasNotFailed());
        withClaim.withPropertyValues("ws.endpoints.chat.path=/chat", "ws.proxy-routes.backend.path=/b")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    @DisplayName("environment variables are never reported as unknown keys, as with ignoreUnknownFields = false")
    void environmentVariablesAreNotChecked() {
        runner.withPropertyValues("ws.endpoints.chat.path=/chat")
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new org.springframework.core.env.SystemEnvironmentPropertySource(
                                org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                java.util.Map.of("WS_SOMETHING_ELSE", "1"))))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    @DisplayName("an endpoint without a path fails naming ws.endpoints.<name>.path")
    void endpointWithoutPathFails() {
        assertStartupFails("ws.endpoints.chat.path", "needs a path", "ws.endpoints.chat.max-fragments=8");
    }

    @Test
    @DisplayName("a path not starting with / fails naming the property")
    void relativePathFails() {
        assertStartupFails("ws.endpoints.chat.path", "must start with '/'", "ws.endpoints.chat.path=chat");
    }

    @Test
    @DisplayName("a path variable that is not a whole segment fails naming the property")
    void partialSegmentVariableFails() {
        assertStartupFails("ws.endpoints.chat.path", "whole segment", "ws.endpoints.chat.path=/rooms/x{room}");
    }

    @Test
    @DisplayName("two endpoints on one path fail naming the second endpoint's path")
    void duplicatePathFails() {
        assertStartupFails("ws.endpoints.b.path", "endpoint 'a' already serves", "ws.endpoints.a.path=/x",
                "ws.endpoints.b.path=/x");
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a subprotocol that is not an HTTP token fails naming the property")
    void subprotocolNotTokenFails() {
        assertStartupFails("ws.endpoints.chat.subprotocols", "HTTP token", "ws.endpoints.chat.path=/chat",
                "ws.endpoints.chat.subprotocols=chat v1");
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a subprotocol listed twice fails naming the property")
    void duplicateSubprotocolFails() {
        assertStartupFails("ws.defaults.subprotocols", "listed twice", "ws.defaults.subprotocols=a,a");
    }

    @Test
    @DisplayName("RFC 6454 §6.1: an origin without a scheme fails naming the property")
    void originWithoutSchemeFails() {
        assertStartupFails("ws.endpoints.chat.allowed-origins", "scheme://host", "ws.endpoints.chat.path=/chat",
                "ws.endpoints.chat.allowed-origins=example.com");
    }

    @Test
    @DisplayName("RFC 6454 §6.1: an origin with a path fails naming the property")
    void originWithPathFails() {
        assertStartupFails("ws.defaults.allowed-origins", "no path", "ws.defaults.allowed-origins=https://a.example/app");
    }

    @Test
    @DisplayName("'*' together with other origins fails naming the property")
    void wildcardWithOthersFails() {
        assertStartupFails("ws.defaults.allowed-origins", "must be the only entry",
                "ws.defaults.allowed-origins=*,https://a.example");
    }

    @Test
    @DisplayName("a ping interval not shorter than the idle timeout fails naming ws.defaults.ping-interval")
    void pingIntervalBeyondIdleTimeoutFails() {
        assertStartupFails("ws.defaults.ping-interval", "shorter than idle-timeout", "ws.endpoints.chat.path=/chat",
                "ws.defaults.ping-interval=60s");
    }

    @Test
    @DisplayName("an endpoint's own ping interval beyond its idle timeout fails naming the endpoint's property")
    void endpointPingIntervalBeyondIdleTimeoutFails() {
        assertStartupFails("ws.endpoints.chat.ping-interval", "shorter than idle-timeout",
                "ws.endpoints.chat.path=/chat", "ws.endpoints.chat.idle-timeout=10s",
                "ws.endpoints.chat.ping-interval=10s");
    }

    @Test
    @DisplayName("a zero ping interval or idle timeout turns the keep-alive check off")
    void zeroTurnsKeepAliveCheckOff() {
        WsEndpointSettings chat = settings("ws.endpoints.chat.path=/chat", "ws.endpoints.chat.idle-timeout=0",
                "ws.endpoints.chat.ping-interval=5m");
        assertThat(chat.idleTimeout()).isZero();
    }

    private WsEndpointSettings settings(String... properties) {
        WsEndpointSettings[] result = new WsEndpointSettings[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasNotFailed();
            result[0] = catalog(context.getBean(WsProperties.class)).byName("chat").orElseThrow();
        });
        return result[0];
    }

    private static WsEndpointCatalog catalog(WsProperties properties) {
        return WsEndpointCatalog.from(properties, List.of());
    }

    private void assertStartupFails(String property, String reason, String... properties) {
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            String messages = FailureMessages.of(context.getStartupFailure());
            assertThat(messages).contains(property).contains(reason);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WsProperties.class)
    static class PropertiesOnly {

        @Bean
        static WsPropertyKeysCheck wsPropertyKeysCheck(ConfigurableEnvironment environment,
                ObjectProvider<WsPropertyNamespace> claims) {
            return new WsPropertyKeysCheck(environment, claims);
        }
    }
}
