package io.wsstack.spring.handler;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@code @WsHandler}, {@code @WsOnOpen}, {@code @WsOnClose} and {@code @WsOnError}
 * methods of every bean by looking at bean types only, so no bean is created early: a handler
 * bean may itself depend on the endpoint registry. Proxied beans are looked at through their
 * target class, as Spring's own {@code @EventListener} detection does.
 */
final class HandlerMethodScanner {

    private HandlerMethodScanner() {
    }

    static List<DiscoveredMethod> scan(ConfigurableListableBeanFactory beanFactory) {
        List<DiscoveredMethod> found = new ArrayList<>();
        for (String beanName : beanFactory.getBeanNamesForType(Object.class, true, false)) {
            if (ScopedProxyUtils.isScopedTarget(beanName)) {
                continue; // the scoped proxy under the plain name is scanned instead
            }
            Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
            if (type == null || type.getName().startsWith("java.")) {
                continue;
            }
            scanType(beanName, ClassUtils.getUserClass(type), found);
        }
        return found;
    }

    private static void scanType(String beanName, Class<?> type, List<DiscoveredMethod> found) {
        Map<Method, List<HandlerKind>> annotated = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<List<HandlerKind>>) HandlerMethodScanner::kindsOf);
        annotated.forEach((method, kinds) -> {
            if (kinds.size() > 1) {
                throw new WsHandlerDefinitionException(DiscoveredMethod.describe(method) + " carries "
                        + kinds.stream().map(HandlerKind::label).toList() + "; a method has one role",
                        "Split it into one method per annotation.");
            }
            HandlerKind kind = kinds.get(0);
            found.add(new DiscoveredMethod(beanName, method, kind, targetOf(method, kind)));
        });
    }

    private static List<HandlerKind> kindsOf(Method method) {
        List<HandlerKind> kinds = new ArrayList<>(1);
        for (HandlerKind kind : HandlerKind.values()) {
            if (AnnotatedElementUtils.hasAnnotation(method, kind.annotation())) {
                kinds.add(kind);
            }
        }
        return kinds.isEmpty() ? null : kinds;
    }

    private static String targetOf(Method method, HandlerKind kind) {
        Annotation annotation = AnnotatedElementUtils.findMergedAnnotation(method, kind.annotation());
        Object value = AnnotationUtils.getValue(annotation);
        return value == null ? "" : value.toString().trim();
    }
}
