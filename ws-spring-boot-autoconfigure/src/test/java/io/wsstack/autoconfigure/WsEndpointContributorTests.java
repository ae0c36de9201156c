package io.wsstack.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointContributor;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.WsHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Endpoints added by {@link WsEndpointContributor} beans, next to those of ws.endpoints. */
class WsEndpointContributorTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
            .withPropertyValues("ws.endpoints.chat.path=/chat")
            .withBean(ChatHandler.class);

    @Test
    @DisplayName("a contributed endpoint without @WsHandler methods joins the registry after ws.endpoints")
    void contributedEndpointJoinsRegistry() {
        runner.withBean(WsEndpointContributor.class, () -> () -> List.of(endpoint("backend", "/backend/{id}")))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    WsEndpointRegistry registry = context.getBean(WsEndpointRegistry.class);
                    assertThat(registry.endpoints()).extracting(WsEndpoint::name).containsExactly("chat", "backend");
                    assertThat(registry.match("/backend/7")).hasValueSatisfying(
                            match -> assertThat(match.pathVariables()).containsEntry("id", "7"));
                });
    }

    @Test
    @DisplayName("a contributed endpoint on a path ws.endpoints already serves fails startup naming both")
    void pathClashFails() {
        runner.withBean(WsEndpointContributor.class, () -> () -> List.of(endpoint("backend", "/chat")))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'backend' (/chat) clashes with endpoint 'chat' (/chat)"));
    }

    @Test
    @DisplayName("a contributed endpoint with the name of a ws.endpoints entry fails startup")
    void nameClashFails() {
        runner.withBean(WsEndpointContributor.class, () -> () -> List.of(endpoint("chat", "/other")))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'chat' (/other) clashes with endpoint 'chat' (/chat)"));
    }

    private static WsEndpoint endpoint(String name, String path) {
        WsEndpointSettings settings = new WsEndpointSettings(name, path, List.of(), List.of(), 1024, 1024, 16,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), 1024, SendBufferOverflowPolicy.CLOSE);
        return new WsEndpoint(settings, PathTemplate.parse(path), new WsEndpointHandler() { });
    }

    static class ChatHandler {
        @WsHandler("chat")
        String echo(String text) {
            return text;
        }
    }
}
