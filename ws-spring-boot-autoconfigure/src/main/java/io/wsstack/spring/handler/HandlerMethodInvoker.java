package io.wsstack.spring.handler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.wsstack.spring.WsSession;

/**
 * Calls one handler method: resolves its arguments with the resolvers chosen at startup, invokes
 * it, and sends its return value. No reflection lookups happen per call.
 */
final class HandlerMethodInvoker {

    private final BeanTarget target;
    private final Method method;
    private final ArgumentResolver[] resolvers;
    private final ReturnValueSender sender;
    private final Class<?> errorType;

    HandlerMethodInvoker(BeanTarget target, Method method, MethodSignature signature, ReturnValueSender sender) {
        this.target = target;
        this.method = method;
        this.resolvers = signature.resolvers();
        this.sender = sender;
        this.errorType = signature.errorType();
        method.setAccessible(true);
    }

    /** Whether an {@code @WsOnError} method wants this error; always true for the other roles. */
    boolean accepts(Throwable error) {
        return errorType == null || errorType.isInstance(error);
    }

    /** Calls the method for one event and sends a non-null return value. */
    void invoke(WsSession session, Object event) throws Exception {
        Object[] arguments = new Object[resolvers.length];
        for (int i = 0; i < resolvers.length; i++) {
            arguments[i] = resolvers[i].resolve(session, event);
        }
        Object result;
        try {
            result = method.invoke(target.get(), arguments);
        } catch (InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
        if (result != null) {
            sender.send(session, result);
        }
    }

    @Override
    public String toString() {
        return DiscoveredMethod.describe(method);
    }
}
