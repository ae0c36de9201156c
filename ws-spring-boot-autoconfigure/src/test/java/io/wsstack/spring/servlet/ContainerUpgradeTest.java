package io.wsstack.spring.servlet;

import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerUpgradeTest {

    @Test
    @DisplayName("With Jetty's classes on the class path the Jetty upgrade is chosen")
    void jettyOnClassPath() {
        assertThat(ContainerUpgrade.detect(getClass().getClassLoader())).isInstanceOf(JettyUpgrade.class);
    }

    @Test
    @DisplayName("Without Jetty on the class path there is no container upgrade: only the servlet upgrade is used")
    void noJetty() throws Exception {
        try (FilteredClassLoader withoutJetty = new FilteredClassLoader("org.eclipse.jetty")) {
            assertThat(ContainerUpgrade.detect(withoutJetty)).isNull();
        }
    }

    @Test
    @DisplayName("A request that is not Jetty's (another container, wrapped or not) is left to the servlet upgrade")
    void foreignRequestDeclined() {
        JettyUpgrade upgrade = new JettyUpgrade();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/echo");
        assertThat(upgrade.upgrade(request, null)).isFalse();
        assertThat(upgrade.upgrade(new HttpServletRequestWrapper(request), null)).isFalse();
        assertThat(request.getAttributeNames().hasMoreElements()).isFalse();
    }
}
