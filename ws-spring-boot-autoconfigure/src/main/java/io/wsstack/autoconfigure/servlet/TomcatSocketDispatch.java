package io.wsstack.autoconfigure.servlet;

import io.wsstack.spring.servlet.TomcatSocketTakeover;
import io.wsstack.spring.transport.TransportDispatch;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * Tomcat's taken-over sockets in the {@code ws} Actuator endpoint's report: an endpoint's handlers
 * run on the socket loop when its {@code handler-dispatch} is {@code event-loop} (or the deprecated
 * list names it), on its lane otherwise. Reported only while the application really runs on Tomcat
 * with takeover on: Tomcat's classes may be present in an application that Jetty serves.
 */
final class TomcatSocketDispatch implements TransportDispatch {

    private final ObjectProvider<TomcatSocketTakeover> takeover;
    private final ApplicationContext context;

    TomcatSocketDispatch(ObjectProvider<TomcatSocketTakeover> takeover, ApplicationContext context) {
        this.takeover = takeover;
        this.context = context;
    }

    @Override
    public String transport() {
        return "tomcat-socket";
    }

    @Override
    public boolean inUse() {
        if (takeover.getIfAvailable() == null || !(context instanceof WebServerApplicationContext web)) {
            return false;
        }
        WebServer server = web.getWebServer();
        // By name: spring-boot-tomcat is optional here, and only its web server takes sockets over.
        return server != null && server.getClass().getName().startsWith("org.springframework.boot.tomcat.");
    }

    @Override
    public String dispatch(String endpoint) {
        TomcatSocketTakeover current = takeover.getIfAvailable();
        return current != null && current.eventLoopEndpoints().contains(endpoint) ? EVENT_LOOP : WORKER;
    }
}
