package io.wsstack.spring.handler;

import java.nio.ByteBuffer;
import java.util.Map;

import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.PathVar;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsOnClose;
import io.wsstack.spring.WsOnError;
import io.wsstack.spring.WsOnOpen;
import io.wsstack.spring.WsSession;
import io.wsstack.testsupport.FailureMessages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mistake in handler methods fails startup with a message naming the method or the endpoint. */
class WsHandlerDefinitionTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
            .withPropertyValues("ws.endpoints.chat.path=/rooms/{room}");

    @Test
    @DisplayName("two text handlers on one endpoint fail naming both methods")
    void twoTextHandlersFail() {
        assertFails(TwoTextHandlers.class, "two @WsHandler methods for text messages",
                "TwoTextHandlers#first(String)", "TwoTextHandlers#second(String, WsSession)");
    }

    @Test
    @DisplayName("a JSON handler counts as text: with a String handler on the same endpoint it fails")
    void jsonAndStringHandlersFail() {
        assertFails(JsonAndStringHandlers.class, "two @WsHandler methods for text messages",
                "JsonAndStringHandlers#json(Payload)", "JsonAndStringHandlers#text(String)");
    }

    @Test
    @DisplayName("two binary handlers (byte[] and ByteBuffer) on one endpoint fail")
    void twoBinaryHandlersFail() {
        assertFails(TwoBinaryHandlers.class, "two @WsHandler methods for binary messages",
                "TwoBinaryHandlers#bytes(byte[])", "TwoBinaryHandlers#buffer(ByteBuffer)");
    }

    @Test
    @DisplayName("a text and a binary handler on one endpoint are fine")
    void textAndBinaryHandlersAreFine() {
        runner.withBean(TextAndBinary.class).run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    @DisplayName("an unsupported parameter fails naming the method and the parameter type")
    void unsupportedParameterFails() {
        assertFails(UnsupportedParameter.class, "UnsupportedParameter#open(WsSession, Map)", "java.util.Map",
                "@WsOnOpen method cannot receive");
    }

    @Test
    @DisplayName("WsCloseStatus is only for @WsOnClose methods")
    void closeStatusOutsideCloseFails() {
        assertFails(CloseStatusOnOpen.class, "CloseStatusOnOpen#open(WsCloseStatus)", "cannot receive");
    }

    @Test
    @DisplayName("a handler naming an unknown endpoint fails naming the method and the endpoint")
    void unknownEndpointFails() {
        assertFails(UnknownEndpoint.class, "UnknownEndpoint#onMessage(String)", "names endpoint 'lobby'",
                "chat=/rooms/{room}");
    }

    @Test
    @DisplayName("a handler naming an unknown path fails naming the method")
    void unknownPathFails() {
        assertFails(UnknownPath.class, "UnknownPath#onMessage(String)", "names endpoint '/rooms'");
    }

    @Test
    @DisplayName("an endpoint without any handler method fails naming the endpoint")
    void endpointWithoutMethodsFails() {
        runner.withPropertyValues("ws.endpoints.lobby.path=/lobby").withBean(TextAndBinary.class)
                .run(context -> assertThat(FailureMessages.of(context.getStartupFailure()))
                        .contains("endpoint 'lobby' (/lobby) has no @WsHandler"));
    }

    @Test
    @DisplayName("a JSON parameter without Jackson on the classpath fails naming the method")
    void jsonParameterWithoutJacksonFails() {
        runner.withClassLoader(new FilteredClassLoader(JsonMapper.class)).withBean(JsonParameter.class)
                .run(context -> assertThat(FailureMessages.of(context.getStartupFailure()))
                        .contains("JsonParameter#onMessage(Payload)", "Jackson", "not on the classpath"));
    }

    @Test
    @DisplayName("a JSON return type without Jackson on the classpath fails naming the method")
    void jsonReturnWithoutJacksonFails() {
        runner.withClassLoader(new FilteredClassLoader(JsonMapper.class)).withBean(JsonReturn.class)
                .run(context -> assertThat(FailureMessages.of(context.getStartupFailure()))
                        .contains("JsonReturn#onMessage(String)", "returns Payload", "Jackson"));
    }

    @Test
    @DisplayName("a @PathVar the endpoint's path does not have fails naming the method and the variable")
    void unknownPathVariableFails() {
        assertFails(UnknownPathVariable.class, "UnknownPathVariable#open(String)", "path variable 'user'", "[room]");
    }

    @Test
    @DisplayName("a @PathVar of a type the ConversionService cannot make from String fails naming the method")
    void unconvertiblePathVariableFails() {
        assertFails(UnconvertiblePathVariable.class, "UnconvertiblePathVariable#open(Payload)",
                "cannot convert from String");
    }

    @Test
    @DisplayName("a @WsHandler method without a message parameter fails naming it")
    void messageMethodWithoutPayloadFails() {
        assertFails(NoPayload.class, "NoPayload#onMessage(WsSession)", "has no message parameter");
    }

    @Test
    @DisplayName("a @WsHandler method with two message parameters fails naming it")
    void messageMethodWithTwoPayloadsFails() {
        assertFails(TwoPayloads.class, "TwoPayloads#onMessage(String, String)", "more than one message parameter");
    }

    @Test
    @DisplayName("an @WsOnError method with two Throwable parameters fails naming it")
    void errorMethodWithTwoErrorsFails() {
        assertFails(TwoErrors.class, "TwoErrors#onError(Throwable, Exception)", "more than one error parameter");
    }

    @Test
    @DisplayName("an @WsOnClose method returning a value fails naming it: nothing can be sent after Close (RFC 6455 §5.5.1)")
    void closeMethodReturningValueFails() {
        assertFails(CloseReturnsValue.class, "CloseReturnsValue#close(WsCloseStatus)", "can no longer send");
    }

    @Test
    @DisplayName("a method with two handler annotations fails naming it")
    void twoAnnotationsFail() {
        assertFails(TwoAnnotations.class, "TwoAnnotations#both(WsSession)", "a method has one role");
    }

    @Test
    @DisplayName("the failure analyzer prints the definition mistake and its fix")
    void failureAnalyzerDescribesMistake() {
        runner.withBean(UnknownEndpoint.class).run(context -> {
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = new WsHandlerDefinitionFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("UnknownEndpoint#onMessage(String)");
            assertThat(analysis.getAction()).contains("ws.endpoints.lobby.path");
        });
    }

    private void assertFails(Class<?> handlerType, String... fragments) {
        runner.withBean(handlerType).run(context -> {
            assertThat(context).hasFailed();
            assertThat(FailureMessages.of(context.getStartupFailure())).contains(fragments);
        });
    }

    record Payload(String value) {
    }

    static class TwoTextHandlers {
        @WsHandler("chat")
        void first(String text) {
        }

        @WsHandler("/rooms/{room}")
        void second(String text, WsSession session) {
        }
    }

    static class JsonAndStringHandlers {
        @WsHandler("chat")
        void json(Payload payload) {
        }

        @WsHandler("chat")
        void text(String text) {
        }
    }

    static class TwoBinaryHandlers {
        @WsHandler("chat")
        void bytes(byte[] data) {
        }

        @WsHandler("chat")
        void buffer(ByteBuffer data) {
        }
    }

    static class TextAndBinary {
        @WsHandler("chat")
        void text(String text) {
        }

        @WsHandler("chat")
        void binary(byte[] data) {
        }
    }

    static class UnsupportedParameter {
        @WsOnOpen("chat")
        void open(WsSession session, Map<String, Object> headers) {
        }
    }

    static class CloseStatusOnOpen {
        @WsOnOpen("chat")
        void open(WsCloseStatus status) {
        }
    }

    static class UnknownEndpoint {
        @WsHandler("lobby")
        void onMessage(String text) {
        }
    }

    static class UnknownPath {
        @WsHandler("/rooms")
        void onMessage(String text) {
        }
    }

    static class JsonParameter {
        @WsHandler("chat")
        void onMessage(Payload payload) {
        }
    }

    static class JsonReturn {
        @WsHandler("chat")
        Payload onMessage(String text) {
            return new Payload(text);
        }
    }

    static class UnknownPathVariable {
        @WsOnOpen("chat")
        void open(@PathVar("user") String user) {
        }
    }

    static class UnconvertiblePathVariable {
        @WsOnOpen("chat")
        void open(@PathVar("room") Payload room) {
        }
    }

    static class NoPayload {
        @WsHandler("chat")
        void onMessage(WsSession session) {
        }
    }

    static class TwoPayloads {
        @WsHandler("chat")
        void onMessage(String a, String b) {
        }
    }

    static class TwoErrors {
        @WsOnError("chat")
        void onError(Throwable a, Exception b) {
        }
    }

    static class CloseReturnsValue {
        @WsOnClose("chat")
        String close(WsCloseStatus status) {
            return "bye";
        }
    }

    static class TwoAnnotations {
        @WsOnOpen("chat")
        @WsOnClose("chat")
        void both(WsSession session) {
        }
    }
}
