package io.wsstack.spring.handler;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One annotated method found on a bean.
 *
 * @param beanName the bean that owns it
 * @param method   the method as declared on the bean's user class (not a proxy)
 * @param kind     its role
 * @param target   the endpoint name or path from the annotation
 */
record DiscoveredMethod(String beanName, Method method, HandlerKind kind, String target) {

    /** {@code com.example.ChatHandler#onMessage(WsSession, String)}, for startup failure messages. */
    String describe() {
        return describe(method);
    }

    static String describe(Method method) {
        String parameters = Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        return method.getDeclaringClass().getName() + "#" + method.getName() + "(" + parameters + ")";
    }
}
