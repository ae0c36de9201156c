package io.wsstack.autoconfigure.reactive;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Fails startup of a WebFlux application whose embedded server is not Reactor Netty (WebFlux on
 * Tomcat or Jetty), naming the combinations that work: there the WebSocket endpoints would silently
 * not exist, since the transport takes over Reactor Netty's connections and the servlet transport
 * does not run in a reactive application.
 */
final class ReactiveServerCheck implements BeanFactoryPostProcessor {

    static final String REACTIVE_FACTORY = "org.springframework.boot.web.server.reactive.ReactiveWebServerFactory";
    static final String NETTY_FACTORY = "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        if (!ClassUtils.isPresent(REACTIVE_FACTORY, classLoader)) {
            return; // no embedded server (a reactive application deployed otherwise, or a test context)
        }
        Class<?> factoryType = ClassUtils.resolveClassName(REACTIVE_FACTORY, classLoader);
        for (String name : beanFactory.getBeanNamesForType(factoryType, true, false)) {
            Class<?> type = beanFactory.getType(name, false);
            if (type != null && !NETTY_FACTORY.equals(type.getName())) {
                throw new IllegalStateException(message(type.getName()));
            }
        }
    }

    static String message(String serverFactory) {
        return "wsstack: WebSocket endpoints cannot be served by this reactive web server (" + serverFactory + "). "
                + "Supported combinations: Spring MVC on Tomcat 11 or Jetty 12.1 (spring-boot-starter-webmvc), "
                + "or WebFlux on Reactor Netty (spring-boot-starter-webflux with its default server). "
                + "WebFlux on Tomcat or Jetty is not supported; switch to Reactor Netty, or set ws.enabled=false.";
    }
}
