package io.wsstack.autoconfigure;

import io.wsstack.spring.WsHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.support.GenericWebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a user reads when startup fails: Spring Boot's "APPLICATION FAILED TO START" report, with
 * the property or the handler method at fault. A plain servlet web context stands in for the
 * embedded server.
 */
@ExtendWith(OutputCaptureExtension.class)
class WsStartupFailureReportTests {

    @Test
    @DisplayName("a misspelt key is reported with its name")
    void misspeltKeyReported(CapturedOutput output) {
        start("--ws.endpoints.chat.path=/chat", "--ws.endpoints.chat.max-frame-sise=1KB");
        assertThat(output).contains("APPLICATION FAILED TO START", "ws.endpoints.chat.max-frame-sise",
                "No module binds these WebSocket configuration keys", "Known ws.* prefixes here",
                "ws.endpoints (ws-spring-boot-autoconfigure)");
    }

    @Test
    @DisplayName("an invalid value is reported with the property, the value and the reason")
    void invalidValueReported(CapturedOutput output) {
        start("--ws.endpoints.chat.path=/chat", "--ws.endpoints.chat.max-fragments=0");
        assertThat(output).contains("APPLICATION FAILED TO START", "ws.endpoints.chat.max-fragments",
                "must be at least 1");
    }

    @Test
    @DisplayName("a handler mistake is reported with the method and the fix")
    void handlerMistakeReported(CapturedOutput output) {
        start("--ws.endpoints.chat.path=/chat", "--ws.endpoints.lobby.path=/lobby");
        assertThat(output).contains("APPLICATION FAILED TO START", "WebSocket handler methods are not valid",
                "endpoint 'lobby' (/lobby) has no @WsHandler", "Action:", "@WsHandler(\"lobby\")");
    }

    private static void start(String... args) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setApplicationContextFactory(type -> new GenericWebApplicationContext());
        assertThatException().isThrownBy(() -> application.run(args));
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(WsAutoConfiguration.class)
    static class App {

        @Bean
        ChatHandler chatHandler() {
            return new ChatHandler();
        }
    }

    static class ChatHandler {

        @WsHandler("chat")
        void onMessage(String text) {
        }
    }
}
