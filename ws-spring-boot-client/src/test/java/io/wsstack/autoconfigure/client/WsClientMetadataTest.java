package io.wsstack.autoconfigure.client;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata of ws.client.*: the limits the client shares with server endpoints live in
 * another module's class, whose Javadoc the configuration processor cannot read here, so their
 * descriptions and the client's defaults come from additional-spring-configuration-metadata.json.
 */
class WsClientMetadataTest {

    @ParameterizedTest(name = "{0} has a description and the default {1}")
    @CsvSource({
            "ws.client.handshake-timeout, 10s",
            "ws.client.max-frame-size, 1MB",
            "ws.client.max-message-size, 1MB",
            "ws.client.max-send-buffer, 1MB",
            "ws.client.idle-timeout, 0",
            "ws.client.ping-interval, 0",
            "ws.client.close-timeout, 10s",
            "ws.client.connect-timeout, 10s" })
    @DisplayName("shared limits keep their names, descriptions and client defaults")
    void sharedLimitsAreDescribed(String name, String defaultValue) throws Exception {
        JsonNode property = properties().get(name);
        assertThat(property).as(name).isNotNull();
        assertThat(property.path("description").asString()).as(name).isNotBlank();
        assertThat(property.path("defaultValue").asString()).as(name).isEqualTo(defaultValue);
    }

    private static Map<String, JsonNode> properties() throws Exception {
        try (InputStream in = WsClientProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            Map<String, JsonNode> byName = new HashMap<>();
            for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                byName.put(property.path("name").asString(), property);
            }
            return byName;
        }
    }
}
