package io.wsstack.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.deflate.DeflateMode;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.handler.WsHandlerMethodRegistry;
import io.wsstack.spring.handler.WsJsonCodec;
import io.wsstack.testsupport.FailureMessages;
import io.wsstack.testsupport.RecordingWsSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/** Which beans {@link WsAutoConfiguration} creates, under which conditions, and that user beans replace them. */
class WsAutoConfigurationTests {

    private static final List<Class<?>> OUR_BEAN_TYPES = List.of(WsProperties.class, WsEndpointCatalog.class,
            WsEngineSettings.class, WsHandlerMethodRegistry.class, WsEndpointRegistry.class, WsJsonCodec.class,
            DeflateOptions.class, ServerDeflateNegotiator.class);

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
            .withPropertyValues("ws.endpoints.chat.path=/rooms/{room}")
            .withBean(ChatHandler.class);

    @Test
    @DisplayName("a servlet web application gets every bean")
    void servletApplicationGetsEveryBean() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            OUR_BEAN_TYPES.forEach(type -> assertThat(context).hasSingleBean(type));
        });
    }

    @Test
    @DisplayName("ws.enabled=false creates no bean at all")
    void disabledCreatesNothing() {
        runner.withPropertyValues("ws.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            OUR_BEAN_TYPES.forEach(type -> assertThat(context).doesNotHaveBean(type));
        });
    }

    @Test
    @DisplayName("a non-web application creates no bean at all")
    void nonWebApplicationCreatesNothing() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
                .withPropertyValues("ws.endpoints.chat.path=/chat")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    OUR_BEAN_TYPES.forEach(type -> assertThat(context).doesNotHaveBean(type));
                });
    }

    @Test
    @DisplayName("RFC 7692: ws.deflate.enabled=false leaves out the deflate options and negotiator only")
    void deflateDisabledLeavesOutDeflateBeans() {
        runner.withPropertyValues("ws.deflate.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(DeflateOptions.class);
            assertThat(context).doesNotHaveBean(ServerDeflateNegotiator.class);
            assertThat(context).hasSingleBean(WsEndpointRegistry.class);
        });
    }

    @Test
    @DisplayName("RFC 7692 §7.1: ws.deflate properties become DeflateOptions")
    void deflatePropertiesBecomeOptions() {
        runner.withPropertyValues("ws.deflate.mode=shared", "ws.deflate.client-no-context-takeover=true",
                "ws.deflate.client-max-window-bits=10", "ws.deflate.level=3", "ws.deflate.threshold=256B",
                "ws.deflate.shared-pool-capacity=4").run(context -> {
                    DeflateOptions options = context.getBean(DeflateOptions.class);
                    assertThat(options.mode()).isEqualTo(DeflateMode.SHARED);
                    assertThat(options.clientNoContextTakeover()).isTrue();
                    assertThat(options.serverNoContextTakeover()).isFalse();
                    assertThat(options.clientMaxWindowBits()).hasValue(10);
                    assertThat(options.serverMaxWindowBits()).isEqualTo(15);
                    assertThat(options.compressionLevel()).isEqualTo(3);
                    assertThat(options.threshold()).isEqualTo(256);
                    assertThat(options.sharedPoolCapacity()).isEqualTo(4);
                    assertThat(context.getBean(ServerDeflateNegotiator.class).options()).isSameAs(options);
                });
    }

    @Test
    @DisplayName("issue 16: ws.deflate.preset sets both windows and the memory level of the DeflateOptions")
    void presetBecomesOptions() {
        runner.withPropertyValues("ws.deflate.preset=dedicated-8kb").run(context -> {
            DeflateOptions options = context.getBean(DeflateOptions.class);
            assertThat(options.serverMaxWindowBits()).isEqualTo(10);
            assertThat(options.clientMaxWindowBits()).hasValue(10);
            assertThat(options.memoryLevel()).isEqualTo(3);
        });
    }

    @Test
    @DisplayName("issue 16: a pooled-* preset sets pooled mode, both windows and the pooled streams' memory level")
    void pooledPresetBecomesOptions() {
        runner.withPropertyValues("ws.deflate.preset=pooled-1kb").run(context -> {
            DeflateOptions options = context.getBean(DeflateOptions.class);
            assertThat(options.mode()).isEqualTo(DeflateMode.POOLED);
            assertThat(options.serverMaxWindowBits()).isEqualTo(9);
            assertThat(options.clientMaxWindowBits()).hasValue(9);
            assertThat(options.memoryLevel()).isEqualTo(3);
            assertThat(options.compressionLevel()).isEqualTo(Deflater.DEFAULT_COMPRESSION);
        });
        runner.withPropertyValues("ws.deflate.preset=pooled-1kb", "ws.deflate.level=1").run(context -> {
            DeflateOptions options = context.getBean(DeflateOptions.class);
            assertThat(options.mode()).isEqualTo(DeflateMode.POOLED);
            assertThat(options.compressionLevel()).isEqualTo(1); // the level is the user's, not the preset's
        });
    }

    @Test
    @DisplayName("issue 16: a pooled-* preset with mode=shared (no context takeover) fails startup naming ws.deflate.preset")
    void pooledPresetAndSharedModeConflict() {
        runner.withPropertyValues("ws.deflate.preset=pooled-2kb", "ws.deflate.mode=shared")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("ws.deflate.preset")
                        .hasStackTraceContaining("mode=shared"));
    }

    @Test
    @DisplayName("issue 16: explicit window bits and memory level become DeflateOptions")
    void windowAndMemoryLevelBecomeOptions() {
        runner.withPropertyValues("ws.deflate.server-max-window-bits=9", "ws.deflate.memory-level=1").run(context -> {
            DeflateOptions options = context.getBean(DeflateOptions.class);
            assertThat(options.serverMaxWindowBits()).isEqualTo(9);
            assertThat(options.memoryLevel()).isEqualTo(1);
        });
    }

    @Test
    @DisplayName("issue 16: a preset together with an explicit window fails startup naming ws.deflate.preset")
    void presetAndWindowConflict() {
        runner.withPropertyValues("ws.deflate.preset=dedicated-4kb", "ws.deflate.server-max-window-bits=12")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("ws.deflate.preset")
                        .hasStackTraceContaining("sets the window bits and memory level itself"));
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: the default client window of 15 is left unset, so the response does not restrict it")
    void defaultClientWindowIsUnset() {
        runner.run(context -> assertThat(context.getBean(DeflateOptions.class).clientMaxWindowBits()).isEmpty());
    }

    @Test
    @DisplayName("without Jackson there is no JSON codec, and String handlers still work")
    void noJacksonNoCodec() {
        runner.withClassLoader(new FilteredClassLoader(JsonMapper.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(WsJsonCodec.class);
            assertThat(context).hasSingleBean(WsEndpointRegistry.class);
        });
    }

    @Test
    @DisplayName("the application's JsonMapper bean encodes returned objects")
    void applicationJsonMapperIsUsed() {
        JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        runner.withBean(JsonMapper.class, () -> snakeCase).run(context -> {
            assertThat(context.getBean(WsJsonCodec.class).write(new Sample("x"))).isEqualTo("{\"user_name\":\"x\"}");
        });
    }

    @Test
    @DisplayName("the engine settings carry each endpoint's frame, message and fragment limits")
    void engineSettingsCarryLimits() {
        runner.withPropertyValues("ws.endpoints.chat.max-frame-size=16KB", "ws.endpoints.chat.max-message-size=64KB",
                "ws.endpoints.chat.max-fragments=10").run(context -> {
                    ConnectionSettings settings = context.getBean(WsEngineSettings.class).forEndpoint("chat");
                    assertThat(settings.maxFrameSize()).isEqualTo(16384);
                    assertThat(settings.maxMessageSize()).isEqualTo(65536);
                    assertThat(settings.maxFragments()).isEqualTo(10);
                    assertThat(settings.autoPong()).isTrue();
                    assertThat(settings.streaming()).isFalse();
                });
    }

    @Test
    @DisplayName("the endpoint registry matches request paths to endpoints with their path variables")
    void registryMatchesPaths() {
        runner.run(context -> {
            WsEndpointRegistry registry = context.getBean(WsEndpointRegistry.class);
            assertThat(registry.match("/rooms/kitchen")).hasValueSatisfying(match -> {
                assertThat(match.endpoint().name()).isEqualTo("chat");
                assertThat(match.pathVariables()).isEqualTo(Map.of("room", "kitchen"));
            });
            assertThat(registry.match("/elsewhere")).isEmpty();
        });
    }

    @Test
    @DisplayName("customizers run in @Order order before the registry and engine settings are built")
    void customizersRunInOrder() {
        runner.withBean("late", WsEndpointSettingsCustomizer.class, LateCustomizer::new)
                .withBean("early", WsEndpointSettingsCustomizer.class, EarlyCustomizer::new)
                .run(context -> {
                    assertThat(context.getBean(WsEndpointRegistry.class).byName("chat").orElseThrow()
                            .settings().maxFrameSize()).isEqualTo(2000);
                    assertThat(context.getBean(WsEngineSettings.class).forEndpoint("chat").maxFrameSize())
                            .isEqualTo(2000);
                });
    }

    @Test
    @DisplayName("a customizer that leaves an invalid limit fails startup naming the endpoint and the setting")
    void customizerLeavingInvalidLimitFails() {
        runner.withBean(WsEndpointSettingsCustomizer.class, () -> endpoint -> endpoint.maxFragments(0))
                .run(context -> assertThat(FailureMessages.of(context.getStartupFailure()))
                        .contains("endpoint 'chat' after customizers: maxFragments must be positive"));
    }

    @Test
    @DisplayName("a customizer that leaves an invalid path fails startup naming the endpoint")
    void customizerLeavingInvalidPathFails() {
        runner.withBean(WsEndpointSettingsCustomizer.class, () -> endpoint -> endpoint.path("rooms"))
                .run(context -> assertThat(FailureMessages.of(context.getStartupFailure()))
                        .contains("endpoint 'chat' after customizers: path 'rooms' must start with '/'"));
    }

    @Test
    @DisplayName("a user WsEndpointRegistry replaces ours")
    void userRegistryReplacesOurs() {
        WsEndpointRegistry own = new WsEndpointRegistry(List.of());
        runner.withBean(WsEndpointRegistry.class, () -> own)
                .run(context -> assertThat(context.getBean(WsEndpointRegistry.class)).isSameAs(own));
    }

    @Test
    @DisplayName("a user WsHandlerMethodRegistry replaces the method scan")
    void userHandlerRegistryReplacesOurs() {
        WsEndpointHandler handler = new WsEndpointHandler() {
        };
        WsHandlerMethodRegistry own = new WsHandlerMethodRegistry(Map.of("chat", handler));
        runner.withBean(WsHandlerMethodRegistry.class, () -> own).run(context -> {
            assertThat(context.getBean(WsHandlerMethodRegistry.class)).isSameAs(own);
            assertThat(context.getBean(WsEndpointRegistry.class).byName("chat").orElseThrow().handler())
                    .isSameAs(handler);
        });
    }

    @Test
    @DisplayName("a user WsHandlerMethodRegistry without a handler for a configured endpoint fails naming it")
    void userHandlerRegistryMissingEndpointFails() {
        runner.withBean(WsHandlerMethodRegistry.class, () -> new WsHandlerMethodRegistry(Map.of()))
                .run(context -> assertThat(FailureMessages.of(context.getStartupFailure()))
                        .contains("endpoint 'chat' has no handler"));
    }

    @Test
    @DisplayName("user engine settings, JSON codec and deflate options replace ours")
    void userBeansReplaceOurs() {
        WsEngineSettings engine = new WsEngineSettings(Map.of("chat", ConnectionSettings.DEFAULTS));
        DeflateOptions deflate = DeflateOptions.builder().threshold(0).build();
        WsJsonCodec codec = new WsJsonCodec() {
            @Override
            public JsonReader readerFor(java.lang.reflect.Type type) {
                return json -> json;
            }

            @Override
            public String write(Object value) {
                return "custom";
            }
        };
        runner.withBean(WsEngineSettings.class, () -> engine)
                .withBean(DeflateOptions.class, () -> deflate)
                .withBean(WsJsonCodec.class, () -> codec)
                .run(context -> {
                    assertThat(context.getBean(WsEngineSettings.class)).isSameAs(engine);
                    assertThat(context.getBean(DeflateOptions.class)).isSameAs(deflate);
                    assertThat(context.getBean(ServerDeflateNegotiator.class).options()).isSameAs(deflate);
                    assertThat(context.getBean(WsJsonCodec.class)).isSameAs(codec);
                });
    }

    @Test
    @DisplayName("a user WsEndpointCatalog replaces the one built from properties")
    void userCatalogReplacesOurs() {
        WsEndpointCatalog catalog = new WsEndpointCatalog(List.of());
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
                .withBean(WsEndpointCatalog.class, () -> catalog)
                .run(context -> {
                    assertThat(context.getBean(WsEndpointCatalog.class)).isSameAs(catalog);
                    assertThat(context.getBean(WsEndpointRegistry.class).endpoints()).isEmpty();
                });
    }

    @Test
    @DisplayName("no endpoints configured: an empty registry, no failure")
    void noEndpointsEmptyRegistry() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WsEndpointRegistry.class).endpoints()).isEmpty();
                });
    }

    @Test
    @DisplayName("handler methods run on the container's bean instance")
    void handlerCalledOnContainerBean() {
        runner.run(context -> {
            RecordingWsSession session = new RecordingWsSession("chat", "/rooms/a", Map.of("room", "a"), null);
            context.getBean(WsEndpointRegistry.class).byName("chat").orElseThrow().handler().onText(session, "hi");
            assertThat(context.getBean(ChatHandler.class).received).containsExactly("hi");
        });
    }

    record Sample(String userName) {
    }

    static class ChatHandler {

        final List<String> received = new ArrayList<>();

        @WsHandler("chat")
        void onMessage(String text) {
            received.add(text);
        }
    }

    @Order(1)
    static class EarlyCustomizer implements WsEndpointSettingsCustomizer {
        @Override
        public void customize(WsEndpointSettingsBuilder endpoint) {
            endpoint.maxFrameSize(1000);
        }
    }

    @Order(2)
    static class LateCustomizer implements WsEndpointSettingsCustomizer {
        @Override
        public void customize(WsEndpointSettingsBuilder endpoint) {
            assertThat(endpoint.name()).isEqualTo("chat");
            endpoint.maxFrameSize(endpoint.build().maxFrameSize() * 2);
        }
    }
}
