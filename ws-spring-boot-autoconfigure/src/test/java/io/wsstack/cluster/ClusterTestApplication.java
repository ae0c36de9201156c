package io.wsstack.cluster;

import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsOnOpen;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.cluster.WsCluster;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance of a clustered application, as the cluster tests start two or three of them: the
 * endpoint {@code room} at {@code /room} tells each session its id on open and lets it join and
 * leave groups ({@code join:<group>}, {@code leave:<group>}); {@code ?user=<name>} on the upgrade
 * request becomes the handshake principal, as an authentication filter would make it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
public class ClusterTestApplication {

    /** Starts an instance on a random port in the given cluster (Redis args from {@link RedisServer#springArgs()}). */
    static ConfigurableApplicationContext start(List<String> redisArgs, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--ws.endpoints.room.path=/room",
                "--ws.endpoints.room.allowed-origins=*", "--ws.cluster.enabled=true",
                "--ws.cluster.heartbeat-interval=500ms", "--ws.cluster.presence-expiry=3s",
                // generous: the test machine may be heavily loaded, and a timed-out publish is dropped
                "--ws.cluster.publish-timeout=10s", "--ws.cluster.history.max-length=5",
                "--management.endpoints.web.exposure.include=health,ws",
                "--management.endpoint.health.show-details=always", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        args.addAll(redisArgs);
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(ClusterTestApplication.class).run(args.toArray(String[]::new));
    }

    /** Run in a JVM of its own by the instance-death test, which kills that JVM. */
    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(ClusterTestApplication.class, args);
        String port = context.getEnvironment().getProperty("local.server.port");
        System.out.println("CLUSTER-NODE-PORT=" + port);
        System.out.flush();
    }

    @Bean
    RoomHandler roomHandler(WsCluster cluster) {
        return new RoomHandler(cluster);
    }

    /** Turns {@code ?user=NAME} into the request's principal. */
    @Bean
    FilterRegistrationBean<Filter> userFromQuery() {
        Filter filter = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String user = http.getParameter("user");
            if (user == null) {
                chain.doFilter(request, response);
                return;
            }
            Principal principal = () -> user;
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }
            }, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The {@code room} endpoint's handlers. */
    public static class RoomHandler {

        private final WsCluster cluster;

        RoomHandler(WsCluster cluster) {
            this.cluster = cluster;
        }

        @WsOnOpen("room")
        public void open(WsSession session) {
            session.sendText("id:" + session.id());
        }

        @WsHandler("room")
        public String message(String text, WsSession session) {
            if (text.startsWith("join:")) {
                String group = text.substring(5);
                // Confirmed once messages from other instances reach the session too.
                cluster.join(session, group).thenRun(() -> session.sendText("joined:" + group));
                return null;
            }
            if (text.startsWith("leave:")) {
                String group = text.substring(6);
                cluster.leave(session, group);
                return "left:" + group;
            }
            return "unknown:" + text;
        }
    }
}
