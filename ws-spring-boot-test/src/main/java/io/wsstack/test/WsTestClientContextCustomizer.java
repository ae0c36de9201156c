package io.wsstack.test;

import java.net.URI;
import java.time.Duration;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Registers the {@link WsTestClient} bean. Its base URI is read when first used, not when the bean is
 * made: {@code local.server.port} exists only once the embedded server has started.
 */
final class WsTestClientContextCustomizer implements ContextCustomizer {

    static final String BEAN_NAME = "io.wsstack.test.wsTestClient";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry) || registry.containsBeanDefinition(BEAN_NAME)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(WsTestClient.class, () -> create(context));
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
        registry.registerBeanDefinition(BEAN_NAME, definition);
    }

    private static WsTestClient create(ConfigurableApplicationContext context) {
        Environment environment = context.getEnvironment();
        return new WsTestClient(() -> baseUri(environment), Duration.ofSeconds(5), JsonSupport.detect(jsonMapper(context)),
                WsTestClient.newClient(), true);
    }

    /** ws://localhost:PORT plus the servlet context path, if any. */
    static URI baseUri(Environment environment) {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("WsTestClient needs the embedded server's port (local.server.port), which is not "
                    + "known yet: use it in @SpringBootTest(webEnvironment = RANDOM_PORT or DEFINED_PORT) tests, after startup");
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return URI.create("ws://localhost:" + port + (contextPath.equals("/") ? "" : contextPath));
    }

    private static Object jsonMapper(ConfigurableApplicationContext context) {
        if (!ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", WsTestClientContextCustomizer.class.getClassLoader())) {
            return null;
        }
        return context.getBeanProvider(tools.jackson.databind.json.JsonMapper.class).getIfAvailable();
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
