package io.wsstack.spring.handler;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointSettings;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.convert.ConversionService;

/**
 * The {@link WsEndpointHandler} of every endpoint, built at startup from the annotated methods
 * of the application's beans. Building it validates every method and fails with a
 * {@link WsHandlerDefinitionException} naming the method or endpoint at fault.
 */
public final class WsHandlerMethodRegistry {

    private final Map<String, WsEndpointHandler> handlers;

    /** A registry of these handlers, by endpoint name. */
    public WsHandlerMethodRegistry(Map<String, WsEndpointHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /**
     * Scans the beans of {@code beanFactory} for handler methods and builds one handler per endpoint.
     *
     * @param endpoints         the configured endpoints; methods may name one by name or by path
     * @param jsonCodec         decodes and encodes JSON-typed parameters and results; {@code null} without Jackson
     * @param conversionService converts path variables
     * @throws WsHandlerDefinitionException for an unknown endpoint, an unsupported parameter or return
     *                                      type, two handlers for one message type, or an endpoint without methods
     */
    public static WsHandlerMethodRegistry build(ConfigurableListableBeanFactory beanFactory,
            List<WsEndpointSettings> endpoints, WsJsonCodec jsonCodec, ConversionService conversionService) {
        return build(beanFactory, endpoints, jsonCodec, conversionService, target -> false);
    }

    /**
     * Like {@link #build(ConfigurableListableBeanFactory, List, WsJsonCodec, ConversionService)}, but
     * leaves out the methods whose {@code @WsHandler} value {@code otherTarget} claims: the server's
     * registry leaves the client endpoints' methods ({@code ws.clients.<name>}) to the client's
     * registry, and the client's leaves the server's.
     */
    public static WsHandlerMethodRegistry build(ConfigurableListableBeanFactory beanFactory,
            List<WsEndpointSettings> endpoints, WsJsonCodec jsonCodec, ConversionService conversionService,
            Predicate<String> otherTarget) {
        ParameterAnalyzer analyzer = new ParameterAnalyzer(jsonCodec, conversionService);
        Map<String, EndpointMethods> byEndpoint = new LinkedHashMap<>();
        for (DiscoveredMethod handler : HandlerMethodScanner.scan(beanFactory)) {
            if (otherTarget.test(handler.target())) {
                continue;
            }
            WsEndpointSettings endpoint = resolveEndpoint(handler, endpoints);
            List<String> variables = PathTemplate.parse(endpoint.path()).variableNames();
            MethodSignature signature = analyzer.analyze(handler, endpoint.name(), variables);
            ReturnValueSender sender = senderFor(handler, jsonCodec);
            Method invocable = invocableMethod(beanFactory, handler);
            HandlerMethodInvoker invoker = new HandlerMethodInvoker(
                    new BeanTarget(beanFactory, handler.beanName()), invocable, signature, sender);
            byEndpoint.computeIfAbsent(endpoint.name(), EndpointMethods::new)
                    .add(handler.kind(), signature.messageType(), invoker);
        }
        Map<String, WsEndpointHandler> handlers = new LinkedHashMap<>();
        for (WsEndpointSettings endpoint : endpoints) {
            EndpointMethods methods = byEndpoint.get(endpoint.name());
            if (methods == null) {
                throw new WsHandlerDefinitionException("endpoint '" + endpoint.name() + "' (" + endpoint.path()
                        + ") has no @WsHandler, @WsOnOpen, @WsOnClose or @WsOnError method",
                        "Annotate a bean method with @WsHandler(\"" + endpoint.name()
                                + "\"), or remove ws.endpoints." + endpoint.name() + ".");
            }
            handlers.put(endpoint.name(), methods.toHandler());
        }
        return new WsHandlerMethodRegistry(handlers);
    }

    /** Every handler, by endpoint name. */
    public Map<String, WsEndpointHandler> handlers() {
        return handlers;
    }

    /** The handler of one endpoint. */
    public Optional<WsEndpointHandler> handlerFor(String endpoint) {
        return Optional.ofNullable(handlers.get(endpoint));
    }

    private static WsEndpointSettings resolveEndpoint(DiscoveredMethod handler, List<WsEndpointSettings> endpoints) {
        String target = handler.target();
        for (WsEndpointSettings endpoint : endpoints) {
            if (endpoint.name().equals(target)) {
                return endpoint;
            }
        }
        for (WsEndpointSettings endpoint : endpoints) {
            if (endpoint.path().equals(target)) {
                return endpoint;
            }
        }
        throw new WsHandlerDefinitionException(handler.describe() + " names endpoint '" + target
                + "', which is neither the name nor the path of an endpoint in ws.endpoints (configured: "
                + endpoints.stream().map(e -> e.name() + "=" + e.path()).toList() + ")",
                "Declare ws.endpoints." + (target.startsWith("/") ? "NAME" : target) + ".path, or fix the "
                        + handler.kind().label() + " value.");
    }

    private static ReturnValueSender senderFor(DiscoveredMethod handler, WsJsonCodec jsonCodec) {
        Class<?> returnType = handler.method().getReturnType();
        if (handler.kind().sendsReturnValue()) {
            return ReturnValueSender.forType(returnType, jsonCodec, handler);
        }
        if (returnType != void.class) {
            throw new WsHandlerDefinitionException(handler.describe() + " returns " + returnType.getSimpleName()
                    + ", but a " + handler.kind().label() + " method runs when the session can no longer send",
                    "Declare it void.");
        }
        return ReturnValueSender.NONE;
    }

    /** The method to call on the bean as the container holds it, which may be a JDK or CGLIB proxy. */
    private static Method invocableMethod(ConfigurableListableBeanFactory beanFactory, DiscoveredMethod handler) {
        Class<?> beanType = beanFactory.getType(handler.beanName());
        try {
            return beanType == null ? handler.method() : AopUtils.selectInvocableMethod(handler.method(), beanType);
        } catch (IllegalStateException ex) {
            throw new WsHandlerDefinitionException(handler.describe() + " cannot be called on bean '"
                    + handler.beanName() + "': " + ex.getMessage(),
                    "Declare the method on an interface of the bean, or proxy the bean's class (proxyTargetClass).");
        }
    }
}
