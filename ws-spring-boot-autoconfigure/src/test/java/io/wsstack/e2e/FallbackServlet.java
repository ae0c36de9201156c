package io.wsstack.e2e;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import java.io.IOException;

/**
 * The servlet at "/" of the test applications without Spring MVC, standing in for its
 * DispatcherServlet: a container runs the filter chain (and so the handshake filter) only for
 * requests mapped to some servlet. Plain GETs get 404.
 */
public final class FallbackServlet {

    private FallbackServlet() {
    }

    /** A registration of a 404-answering servlet at "/", to return from a {@code @Bean} method. */
    public static ServletRegistrationBean<HttpServlet> notFoundAtRoot() {
        return new ServletRegistrationBean<>(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        }, "/");
    }
}
