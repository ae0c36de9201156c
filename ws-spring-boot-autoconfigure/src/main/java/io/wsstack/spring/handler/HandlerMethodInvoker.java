package io.wsstack.spring.handler;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;

import io.wsstack.spring.WsSession;

/**
 * Calls one handler method: resolves its arguments with the resolvers chosen at startup, invokes
 * it, and sends its return value. No reflection lookups happen per call, and none of the usual
 * arities allocates: the method is called through a method handle of the exact generic shape
 * {@code (Object target, Object... arguments) -> Object} spelled out per arity, so no argument
 * array is built.
 */
final class HandlerMethodInvoker {

    private final BeanTarget target;
    private final Method method;
    /** {@code (Object target, Object a1 .. an) -> Object}, or with one {@code Object[]} beyond {@link #MAX_UNSPREAD}. */
    private final MethodHandle handle;
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
        this.handle = handleFor(method, resolvers.length);
    }

    /** Arities called without an argument array. */
    private static final int MAX_UNSPREAD = 3;

    private static MethodHandle handleFor(Method method, int arity) {
        MethodHandle direct;
        try {
            direct = MethodHandles.lookup().unreflect(method);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + DiscoveredMethod.describe(method), e);
        }
        if (Modifier.isStatic(method.getModifiers())) {
            direct = MethodHandles.dropArguments(direct, 0, Object.class);
        }
        MethodHandle generic = direct.asType(MethodType.genericMethodType(arity + 1));
        return arity <= MAX_UNSPREAD ? generic : generic.asSpreader(Object[].class, arity);
    }

    /** Whether an {@code @WsOnError} method wants this error; always true for the other roles. */
    boolean accepts(Throwable error) {
        return errorType == null || errorType.isInstance(error);
    }

    /** Calls the method for one event and sends a non-null return value. */
    void invoke(WsSession session, Object event) throws Exception {
        Object result;
        try {
            result = call(target.get(), session, event);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
        if (result != null) {
            sender.send(session, result);
        }
    }

    private Object call(Object bean, WsSession session, Object event) throws Throwable {
        ArgumentResolver[] r = resolvers;
        switch (r.length) {
            case 0:
                return (Object) handle.invokeExact(bean);
            case 1:
                return (Object) handle.invokeExact(bean, r[0].resolve(session, event));
            case 2:
                return (Object) handle.invokeExact(bean, r[0].resolve(session, event), r[1].resolve(session, event));
            case 3:
                return (Object) handle.invokeExact(bean, r[0].resolve(session, event), r[1].resolve(session, event),
                        r[2].resolve(session, event));
            default:
                Object[] arguments = new Object[r.length];
                for (int i = 0; i < r.length; i++) {
                    arguments[i] = r[i].resolve(session, event);
                }
                return (Object) handle.invokeExact(bean, arguments);
        }
    }

    @Override
    public String toString() {
        return DiscoveredMethod.describe(method);
    }
}
