package io.wsstack.bench.server;

/**
 * The Spring Boot settings both Tomcat-based servers (Spring's WebSocket and ours) start with, so the
 * only difference between them is the WebSocket stack.
 */
public final class BootProperties {

    private BootProperties() {
    }

    /**
     * Command-line properties for a Boot application on {@code options.port()}. Tomcat's default
     * cap of 8,192 connections is lifted for the 10,000-idle-connection phase, and logging is
     * quietened so that the harness's abrupt disconnects do not turn into log-writing work. On Jetty
     * the connection idle timeout is raised from 30 s to 10 minutes, as for the Jetty peer: a
     * server's connections sit silent while the other servers take their turns.
     */
    public static String[] commandLine(ServerArgs options) {
        return new String[] {
            "--server.port=" + options.port(),
            "--server.address=127.0.0.1",
            "--server.tomcat.max-connections=20000",
            "--server.tomcat.accept-count=1024",
            "--server.jetty.connection-idle-timeout=10m",
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN",
            "--spring.jmx.enabled=false"
        };
    }
}
