package io.wsstack.spring.handler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.PathVar;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsOnClose;
import io.wsstack.spring.WsOnError;
import io.wsstack.spring.WsOnOpen;
import io.wsstack.spring.WsSession;
import io.wsstack.testsupport.RecordingWsSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Events reaching {@code @WsHandler} methods through the endpoint handler the method layer builds. */
class WsHandlerDispatchTests {

    private static final Principal ALICE = () -> "alice";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
            .withPropertyValues("ws.endpoints.chat.path=/rooms/{room}", "ws.endpoints.json.path=/json/{id}",
                    "ws.endpoints.bin.path=/bin", "ws.endpoints.batch.path=/batch")
            .withBean(BatchHandler.class)
            .withBean(ChatHandler.class)
            .withBean(JsonHandler.class)
            .withBean(BinaryOnlyHandler.class);

    @Test
    @DisplayName("open, text, binary and close reach their methods in order, with session, path variable and principal")
    void eventsReachMethodsInOrder() {
        run(context -> {
            WsEndpointHandler handler = handler(context, "chat");
            RecordingWsSession session = new RecordingWsSession("chat", "/rooms/kitchen", Map.of("room", "kitchen"), ALICE);
            handler.onOpen(session);
            handler.onText(session, "hi");
            handler.onBinary(session, ByteBuffer.wrap("raw".getBytes(StandardCharsets.UTF_8)));
            handler.onClose(session, WsCloseStatus.NORMAL);
            assertThat(context.getBean(ChatHandler.class).events).containsExactly(
                    "open kitchen alice", "text hi in kitchen", "binary raw", "close 1000 kitchen");
        });
    }

    @Test
    @DisplayName("RFC 6455 §5.6: a returned String is sent as a text message")
    void stringReturnSentAsText() {
        run(context -> {
            RecordingWsSession session = chatSession();
            handler(context, "chat").onText(session, "hi");
            assertThat(session.sent()).containsExactly("text:echo hi");
        });
    }

    @Test
    @DisplayName("RFC 6455 §5.6: a returned byte[] or ByteBuffer is sent as a binary message")
    void bytesReturnSentAsBinary() {
        run(context -> {
            RecordingWsSession session = chatSession();
            handler(context, "chat").onBinary(session, ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8)));
            handler(context, "bin").onBinary(session, ByteBuffer.wrap("xyz".getBytes(StandardCharsets.UTF_8)));
            assertThat(session.sent()).containsExactly("binary:cba", "binary:xyz");
        });
    }

    @Test
    @DisplayName("an @WsOnOpen method's returned String is sent as a greeting")
    void openReturnSent() {
        run(context -> {
            RecordingWsSession session = chatSession();
            handler(context, "chat").onOpen(session);
            assertThat(session.sent()).containsExactly("text:welcome to kitchen");
        });
    }

    @Test
    @DisplayName("a JSON text message is decoded into the parameter type and a returned object is sent as JSON text")
    void jsonRoundTrip() {
        run(context -> {
            RecordingWsSession session = new RecordingWsSession("json", "/json/42", Map.of("id", "42"), null);
            handler(context, "json").onText(session, "{\"name\":\"Ada\"}");
            assertThat(session.sent()).containsExactly("text:{\"greeting\":\"hello Ada\",\"id\":42}");
        });
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: text that is not valid JSON for the parameter type → 1007")
    void badJsonCloses1007() {
        run(context -> {
            RecordingWsSession session = new RecordingWsSession("json", "/json/42", Map.of("id", "42"), null);
            assertThatThrownBy(() -> handler(context, "json").onText(session, "{\"name\":"))
                    .isInstanceOf(WsMessageDecodingException.class)
                    .satisfies(e -> assertThat(((WebSocketProtocolException) e).closeCode())
                            .isEqualTo(CloseCodes.INVALID_PAYLOAD))
                    .hasMessageContaining("Greeting")
                    .hasMessageNotContaining("name");
        });
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a path variable that cannot be converted to the parameter type → 1008")
    void unconvertiblePathVariableCloses1008() {
        run(context -> {
            RecordingWsSession session = new RecordingWsSession("json", "/json/abc", Map.of("id", "abc"), null);
            assertThatThrownBy(() -> handler(context, "json").onText(session, "{\"name\":\"Ada\"}"))
                    .isInstanceOf(WebSocketProtocolException.class)
                    .satisfies(e -> assertThat(((WebSocketProtocolException) e).closeCode())
                            .isEqualTo(CloseCodes.POLICY_VIOLATION));
        });
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a text message at an endpoint with only a binary handler → 1003")
    void textAtBinaryOnlyEndpointCloses1003() {
        run(context -> assertThatThrownBy(() -> handler(context, "bin").onText(chatSession(), "hi"))
                .isInstanceOf(WsUnsupportedMessageException.class)
                .satisfies(e -> assertThat(((WebSocketProtocolException) e).closeCode())
                        .isEqualTo(CloseCodes.UNSUPPORTED_DATA)));
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a binary message at an endpoint with only a text handler → 1003")
    void binaryAtTextOnlyEndpointCloses1003() {
        run(context -> assertThatThrownBy(() -> handler(context, "json").onBinary(chatSession(), ByteBuffer.allocate(1)))
                .isInstanceOf(WsUnsupportedMessageException.class));
    }

    @Test
    @DisplayName("a handler method's exception reaches the transport unwrapped")
    void handlerExceptionPropagatesUnwrapped() {
        run(context -> assertThatThrownBy(() -> handler(context, "chat").onText(chatSession(), "boom"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("boom"));
    }

    @Test
    @DisplayName("@WsOnError methods receive the error; a narrower Throwable type filters what they receive")
    void errorMethodsReceiveMatchingErrors() {
        run(context -> {
            WsEndpointHandler handler = handler(context, "chat");
            RecordingWsSession session = chatSession();
            handler.onError(session, new IllegalArgumentException("bad"));
            handler.onError(session, new IllegalStateException("worse"));
            // Methods of one endpoint run in discovery order, which the JVM does not fix: compare as a set.
            assertThat(context.getBean(ChatHandler.class).events).containsExactlyInAnyOrder(
                    "error bad", "argument error bad", "error worse");
        });
    }

    @Test
    @DisplayName("a failing @WsOnError method does not stop the others or reach the transport")
    void failingErrorMethodIsContained() {
        run(context -> {
            handler(context, "json").onError(chatSession(), new IllegalStateException("x"));
            assertThat(context.getBean(JsonHandler.class).errors).isEqualTo(1);
        });
    }

    @Test
    @DisplayName("CVE-2018-1270 lesson: a path variable reaches the method verbatim, never evaluated as an expression")
    void pathVariableNotEvaluated() {
        run(context -> {
            String hostile = "#{T(java.lang.Runtime).getRuntime()}${user.home}";
            RecordingWsSession session = new RecordingWsSession("chat", "/rooms/x", Map.of("room", hostile), ALICE);
            handler(context, "chat").onText(session, "hi");
            assertThat(context.getBean(ChatHandler.class).events).containsExactly("text hi in " + hostile);
        });
    }

    @Test
    @DisplayName("a generic JSON parameter type (List of records) is decoded with its element type")
    void genericJsonParameterDecoded() {
        run(context -> {
            RecordingWsSession session = new RecordingWsSession("batch", "/batch", Map.of(), null);
            handler(context, "batch").onText(session, "[{\"name\":\"Ada\"},{\"name\":\"Bob\"}]");
            assertThat(session.sent()).containsExactly("text:Ada,Bob");
        });
    }

    @Test
    @DisplayName("a null return value sends nothing")
    void nullReturnSendsNothing() {
        run(context -> {
            RecordingWsSession session = chatSession();
            handler(context, "chat").onText(session, "quiet");
            assertThat(session.sent()).isEmpty();
        });
    }

    @Test
    @DisplayName("the registry serves the method handler at the endpoint's path")
    void registryServesMethodHandler() {
        run(context -> {
            WsEndpointRegistry.Match match = context.getBean(WsEndpointRegistry.class).match("/rooms/hall").orElseThrow();
            assertThat(match.endpoint().name()).isEqualTo("chat");
            assertThat(match.pathVariables()).containsEntry("room", "hall");
            assertThat(match.endpoint().handler()).isSameAs(handler(context, "chat"));
        });
    }

    private void run(ThrowingConsumer consumer) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            consumer.accept(context);
        });
    }

    private static WsEndpointHandler handler(AssertableWebApplicationContext context, String endpoint) {
        return context.getBean(WsHandlerMethodRegistry.class).handlerFor(endpoint).orElseThrow();
    }

    private static RecordingWsSession chatSession() {
        return new RecordingWsSession("chat", "/rooms/kitchen", Map.of("room", "kitchen"), ALICE);
    }

    @FunctionalInterface
    interface ThrowingConsumer {
        void accept(AssertableWebApplicationContext context) throws Exception;
    }

    static class ChatHandler {

        final List<String> events = new ArrayList<>();

        @WsOnOpen("chat")
        String open(WsSession session, @PathVar("room") String room, Principal principal) {
            events.add("open " + room + " " + principal.getName());
            return "welcome to " + room;
        }

        @WsHandler("chat")
        String text(String message, @PathVar String room) {
            if (message.equals("boom")) {
                throw new IllegalArgumentException("boom");
            }
            if (message.equals("quiet")) {
                return null;
            }
            events.add("text " + message + " in " + room);
            return "echo " + message;
        }

        @WsHandler("/rooms/{room}")
        ByteBuffer binary(byte[] data) {
            String text = new String(data, StandardCharsets.UTF_8);
            events.add("binary " + text);
            return ByteBuffer.wrap(new StringBuilder(text).reverse().toString().getBytes(StandardCharsets.UTF_8));
        }

        @WsOnClose("chat")
        void close(WsCloseStatus status, @PathVar("room") String room) {
            events.add("close " + status.code() + " " + room);
        }

        @WsOnError("chat")
        void anyError(Throwable error) {
            events.add("error " + error.getMessage());
        }

        @WsOnError("chat")
        void argumentError(IllegalArgumentException error, WsSession session) {
            events.add("argument error " + error.getMessage());
        }
    }

    record Greeting(String name) {
    }

    record Reply(String greeting, long id) {
    }

    static class JsonHandler {

        int errors;

        @WsHandler("json")
        Reply greet(Greeting greeting, @PathVar("id") long id) {
            return new Reply("hello " + greeting.name(), id);
        }

        @WsOnError("json")
        void failingErrorHandler(Throwable error) {
            throw new IllegalStateException("error handler failed");
        }

        @WsOnError("json")
        void countingErrorHandler() {
            errors++;
        }
    }

    static class BatchHandler {

        @WsHandler("batch")
        String names(List<Greeting> greetings) {
            return String.join(",", greetings.stream().map(Greeting::name).toList());
        }
    }

    static class BinaryOnlyHandler {

        @WsHandler("bin")
        Object echo(ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            return copy;
        }
    }
}
