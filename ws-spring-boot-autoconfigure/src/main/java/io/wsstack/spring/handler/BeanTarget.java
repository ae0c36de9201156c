package io.wsstack.spring.handler;

import org.springframework.beans.factory.BeanFactory;

/**
 * The bean a handler method is called on, looked up by name on first use rather than at startup,
 * so that handler beans may depend on the endpoint registry without a cycle. A singleton is
 * cached after the first lookup; other scopes are looked up on every call.
 */
final class BeanTarget {

    private final BeanFactory beanFactory;
    private final String beanName;
    private final boolean singleton;
    private volatile Object cached;

    BeanTarget(BeanFactory beanFactory, String beanName) {
        this.beanFactory = beanFactory;
        this.beanName = beanName;
        this.singleton = beanFactory.isSingleton(beanName);
    }

    Object get() {
        Object bean = cached;
        if (bean != null) {
            return bean;
        }
        bean = beanFactory.getBean(beanName);
        if (singleton) {
            cached = bean;
        }
        return bean;
    }
}
