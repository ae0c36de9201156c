package io.wsstack.spring.handler;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;

import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.PathVar;
import io.wsstack.spring.WsSession;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;

/**
 * Decides, once per handler method at startup, how each parameter gets its value, and rejects
 * parameters that nothing can supply.
 */
final class ParameterAnalyzer {

    private final WsJsonCodec jsonCodec;
    private final ConversionService conversionService;

    /**
     * @param jsonCodec         decodes JSON message parameters, or {@code null} without Jackson
     * @param conversionService converts path variables to non-String parameter types
     */
    ParameterAnalyzer(WsJsonCodec jsonCodec, ConversionService conversionService) {
        this.jsonCodec = jsonCodec;
        this.conversionService = conversionService;
    }

    MethodSignature analyze(DiscoveredMethod handler, String endpoint, List<String> pathVariables) {
        Method method = handler.method();
        Parameter[] parameters = method.getParameters();
        ArgumentResolver[] resolvers = new ArgumentResolver[parameters.length];
        MessageType messageType = null;
        Class<?> errorType = null;
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            Class<?> type = parameter.getType();
            PathVar pathVar = parameter.getAnnotation(PathVar.class);
            if (pathVar != null) {
                resolvers[i] = pathVariable(handler, parameter, pathVar, endpoint, pathVariables);
            } else if (type == WsSession.class) {
                resolvers[i] = (session, event) -> session;
            } else if (type == Principal.class) {
                resolvers[i] = (session, event) -> session.principal();
            } else if (handler.kind() == HandlerKind.CLOSE && type == WsCloseStatus.class) {
                resolvers[i] = (session, event) -> event;
            } else if (handler.kind() == HandlerKind.ERROR && Throwable.class.isAssignableFrom(type)) {
                errorType = once(errorType, type, handler, "error");
                resolvers[i] = (session, event) -> event;
            } else if (handler.kind() == HandlerKind.MESSAGE) {
                MessageType parameterType = type == byte[].class || type == ByteBuffer.class
                        ? MessageType.BINARY : MessageType.TEXT;
                messageType = once(messageType, parameterType, handler, "message");
                resolvers[i] = payload(handler, parameter);
            } else {
                throw unsupported(handler, parameter);
            }
        }
        if (handler.kind() == HandlerKind.MESSAGE && messageType == null) {
            throw new WsHandlerDefinitionException(handler.describe() + " has no message parameter",
                    "Add a String (text), byte[] or ByteBuffer (binary) or JSON-typed parameter for the message.");
        }
        if (handler.kind() == HandlerKind.ERROR && errorType == null) {
            errorType = Throwable.class;
        }
        return new MethodSignature(resolvers, messageType, errorType);
    }

    private ArgumentResolver payload(DiscoveredMethod handler, Parameter parameter) {
        Class<?> type = parameter.getType();
        if (type == String.class || type == ByteBuffer.class) {
            return (session, event) -> event;
        }
        if (type == byte[].class) {
            return (session, event) -> {
                ByteBuffer data = ((ByteBuffer) event).duplicate();
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                return bytes;
            };
        }
        if (jsonCodec == null) {
            throw new WsHandlerDefinitionException(handler.describe() + " takes a " + type.getSimpleName()
                    + " message, which needs JSON decoding, but Jackson (tools.jackson.core:jackson-databind) is not on the classpath",
                    "Add Jackson 3 (for example spring-boot-starter-json), or take the message as a String.");
        }
        WsJsonCodec.JsonReader reader = jsonCodec.readerFor(parameter.getParameterizedType());
        return (session, event) -> reader.read((String) event);
    }

    private ArgumentResolver pathVariable(DiscoveredMethod handler, Parameter parameter, PathVar pathVar,
            String endpoint, List<String> pathVariables) {
        String name = pathVar.value().isEmpty() ? parameter.getName() : pathVar.value();
        if (!pathVariables.contains(name)) {
            throw new WsHandlerDefinitionException(handler.describe() + " asks for path variable '" + name
                    + "', but the path of endpoint '" + endpoint + "' has " + pathVariables,
                    "Use one of the endpoint's path variables, or add {" + name + "} to its path.");
        }
        Class<?> type = parameter.getType();
        if (type == String.class) {
            return (session, event) -> session.pathVariables().get(name);
        }
        if (!conversionService.canConvert(String.class, type)) {
            throw new WsHandlerDefinitionException(handler.describe() + " takes path variable '" + name
                    + "' as " + type.getName() + ", which the ConversionService cannot convert from String",
                    "Take it as a String, or register a Converter<String, " + type.getSimpleName() + ">.");
        }
        return (session, event) -> {
            try {
                return conversionService.convert(session.pathVariables().get(name), type);
            } catch (ConversionException ex) {
                // The client chose the path, so an unconvertible segment is its fault, not the server's.
                throw new WebSocketProtocolException.PolicyViolation(
                        "path variable '" + name + "' is not a valid " + type.getSimpleName());
            }
        };
    }

    private static <T> T once(T current, T found, DiscoveredMethod handler, String what) {
        if (current != null) {
            throw new WsHandlerDefinitionException(handler.describe() + " has more than one " + what + " parameter",
                    "Keep a single " + what + " parameter.");
        }
        return found;
    }

    private static WsHandlerDefinitionException unsupported(DiscoveredMethod handler, Parameter parameter) {
        return new WsHandlerDefinitionException(handler.describe() + " has parameter '" + parameter.getName()
                + "' of type " + parameter.getType().getName() + ", which a " + handler.kind().label()
                + " method cannot receive",
                "Use WsSession, Principal, @PathVar parameters"
                        + switch (handler.kind()) {
                            case MESSAGE -> " and one message parameter.";
                            case CLOSE -> " and WsCloseStatus.";
                            case ERROR -> " and one Throwable.";
                            case OPEN -> ".";
                        });
    }
}
