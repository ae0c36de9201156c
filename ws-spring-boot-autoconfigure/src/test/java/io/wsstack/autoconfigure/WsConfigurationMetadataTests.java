package io.wsstack.autoconfigure;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE metadata the configuration processor generates from the properties' field Javadoc. */
class WsConfigurationMetadataTests {

    @Test
    @DisplayName("every ws.* property has a description in the generated metadata")
    void everyPropertyHasDescription() throws Exception {
        Map<String, JsonNode> properties = properties();
        assertThat(properties).containsKeys("ws.enabled", "ws.endpoints", "ws.defaults.max-frame-size",
                "ws.defaults.send-buffer-overflow", "ws.deflate.mode", "ws.deflate.threshold");
        properties.forEach((name, property) -> assertThat(property.path("description").asString())
                .as(name).isNotBlank());
    }

    @Test
    @DisplayName("defaults appear in the metadata as a user would write them")
    void defaultsAppear() throws Exception {
        Map<String, JsonNode> properties = properties();
        assertThat(properties.get("ws.enabled").path("defaultValue").asBoolean()).isTrue();
        assertThat(properties.get("ws.defaults.max-frame-size").path("defaultValue").asString()).isEqualTo("1MB");
        assertThat(properties.get("ws.defaults.idle-timeout").path("defaultValue").asString()).isEqualTo("60s");
        assertThat(properties.get("ws.defaults.ping-interval").path("defaultValue").asString()).isEqualTo("25s");
        assertThat(properties.get("ws.defaults.max-fragments").path("defaultValue").asInt()).isEqualTo(4096);
        assertThat(properties.get("ws.defaults.send-buffer-overflow").path("defaultValue").asString())
                .isEqualTo("close");
        assertThat(properties.get("ws.deflate.mode").path("defaultValue").asString()).isEqualTo("dedicated");
    }

    @Test
    @DisplayName("handler-dispatch is documented with its default; ws.tomcat.event-loop-endpoints is deprecated in its favour")
    void handlerDispatchAndItsDeprecatedAlias() throws Exception {
        Map<String, JsonNode> properties = properties();
        assertThat(properties.get("ws.defaults.handler-dispatch").path("defaultValue").asString()).isEqualTo("worker");
        assertThat(properties.get("ws.defaults.handler-dispatch").path("description").asString())
                .contains("event-loop").contains("Jetty");
        JsonNode alias = properties.get("ws.tomcat.event-loop-endpoints");
        assertThat(alias.path("deprecated").asBoolean()).isTrue();
        assertThat(alias.path("deprecation").path("replacement").asString()).isEqualTo("ws.endpoints.*.handler-dispatch");
        assertThat(alias.path("deprecation").path("reason").asString()).contains("handler-dispatch=event-loop");
    }

    private static Map<String, JsonNode> properties() throws Exception {
        try (InputStream in = WsProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            Map<String, JsonNode> byName = new HashMap<>();
            for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                byName.put(property.path("name").asString(), property);
            }
            return byName;
        }
    }
}
