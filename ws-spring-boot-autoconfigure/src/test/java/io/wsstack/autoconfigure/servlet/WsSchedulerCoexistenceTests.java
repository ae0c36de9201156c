package io.wsstack.autoconfigure.servlet;

import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.servlet.WsTransportScheduler;
import io.wsstack.spring.transport.LiveSessions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transport's timer must not displace Boot's task scheduler: Boot's scheduling
 * auto-configuration backs off when a {@code ScheduledExecutorService} or {@code TaskScheduler}
 * bean exists, which would move every {@code @Scheduled} method onto the thread that drives the
 * sessions' deadlines.
 */
class WsSchedulerCoexistenceTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class, WsServletAutoConfiguration.class))
            .withBean(WsEndpointRegistry.class, () -> new WsEndpointRegistry(List.of()))
            .withBean(LiveSessions.class, LiveSessions::new)
            .withBean(WsSessionRegistry.class)
            .withUserConfiguration(ScheduledJob.class);

    @Test
    @DisplayName("@Scheduled methods run on Boot's task scheduler, not on the WebSocket timer thread")
    void scheduledMethodsRunOnBootsScheduler() {
        runner.run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(TaskScheduler.class)
                    .hasSingleBean(WsTransportScheduler.class)
                    .doesNotHaveBean(ScheduledExecutorService.class);
            String thread = context.getBean(ScheduledJob.class).ranOn.get(10, TimeUnit.SECONDS);
            assertThat(thread).startsWith("scheduling-").doesNotStartWith("ws-timer");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class ScheduledJob {

        final CompletableFuture<String> ranOn = new CompletableFuture<>();

        @Scheduled(fixedDelay = 50)
        void tick() {
            ranOn.complete(Thread.currentThread().getName());
        }
    }
}
