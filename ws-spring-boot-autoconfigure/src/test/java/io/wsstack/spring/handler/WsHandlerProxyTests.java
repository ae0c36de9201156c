package io.wsstack.spring.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.spring.WsHandler;
import io.wsstack.testsupport.RecordingWsSession;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Handler methods of proxied beans (transactions, security) are found on the target class and called through the proxy. */
class WsHandlerProxyTests {

    static final List<String> intercepted = new ArrayList<>();

    @Test
    @DisplayName("a class-based (CGLIB) proxy: the method is found on the user class and the call goes through the proxy")
    void classProxyIsCalledThroughProxy() {
        intercepted.clear();
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
                .withPropertyValues("ws.endpoints.echo.path=/echo")
                .withBean(EchoHandler.class, WsHandlerProxyTests::proxiedEchoHandler)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RecordingWsSession session = new RecordingWsSession("echo", "/echo", Map.of(), null);
                    context.getBean(WsHandlerMethodRegistry.class).handlerFor("echo").orElseThrow()
                            .onText(session, "hi");
                    assertThat(intercepted).containsExactly("echo");
                    assertThat(session.sent()).containsExactly("text:hi");
                });
    }

    private static EchoHandler proxiedEchoHandler() {
        ProxyFactory factory = new ProxyFactory(new EchoHandler());
        factory.setProxyTargetClass(true);
        factory.addAdvice((MethodInterceptor) invocation -> {
            intercepted.add(invocation.getMethod().getName());
            return invocation.proceed();
        });
        return (EchoHandler) factory.getProxy();
    }

    public static class EchoHandler {

        @WsHandler("echo")
        public String echo(String text) {
            return text;
        }
    }
}
