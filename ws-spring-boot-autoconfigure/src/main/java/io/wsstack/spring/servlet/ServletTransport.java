package io.wsstack.spring.servlet;

import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.InboundBudget;
import io.wsstack.core.session.SessionScheduler;
import io.wsstack.core.session.SessionTimers;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.WsObserver;

import io.wsstack.spring.transport.LiveSessions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The parts every session of the servlet transport shares: the open sessions, the observers
 * (called in order, a failing one logged and skipped), the timer thread, the clock the timers
 * read, and the engine settings of each endpoint. One instance per application.
 */
public final class ServletTransport {

    private final TransportContext context;

    /** A transport reading {@link System#nanoTime()} that derives engine settings from each endpoint's limits. */
    public ServletTransport(LiveSessions sessions, List<? extends WsObserver> observers,
                            ScheduledExecutorService scheduler) {
        this(sessions, observers, scheduler, System::nanoTime, null);
    }

    /**
     * A transport with an injected monotonic nanosecond clock (tests) and, optionally, the engine
     * settings of each endpoint by name (such as those computed by the core auto-configuration);
     * {@code null}, or a function answering {@code null} for an endpoint, derives them from the
     * endpoint's frame, message and fragment limits.
     */
    public ServletTransport(LiveSessions sessions, List<? extends WsObserver> observers,
                            ScheduledExecutorService scheduler, LongSupplier nanoClock,
                            Function<String, ConnectionSettings> engineSettingsByEndpoint) {
        this(sessions, observers, scheduler, nanoClock, engineSettingsByEndpoint, InboundBudget.unlimited());
    }

    /**
     * As above, with a budget for the bytes of incoming messages being assembled that all sessions
     * of this transport share (over it a message is refused with 1013 instead of exhausting the heap).
     */
    public ServletTransport(LiveSessions sessions, List<? extends WsObserver> observers,
                            ScheduledExecutorService scheduler, LongSupplier nanoClock,
                            Function<String, ConnectionSettings> engineSettingsByEndpoint, InboundBudget inboundBudget) {
        Map<String, ConnectionSettings> cache = new ConcurrentHashMap<>();
        Function<String, ConnectionSettings> byName = engineSettingsByEndpoint;
        Function<WsEndpointSettings, ConnectionSettings> engineSettings = endpoint -> cache.computeIfAbsent(endpoint.name(),
                name -> {
                    ConnectionSettings named = byName != null ? byName.apply(name) : null;
                    return (named != null ? named : fromLimits(endpoint)).toBuilder().inboundBudget(inboundBudget).build();
                });
        SessionScheduler deadlines = SessionScheduler.of(scheduler);
        Map<String, SessionTimers.Rules> timerCache = new ConcurrentHashMap<>();
        Function<WsEndpointSettings, SessionTimers.Rules> timerRules = endpoint -> timerCache.computeIfAbsent(endpoint.name(),
                name -> new SessionTimers.Rules(deadlines, nanoClock, endpoint.idleTimeout(), endpoint.pingInterval(),
                        Duration.ZERO, endpoint.closeTimeout()));
        this.context = new TransportContext(sessions, new CompositeObserver(observers), deadlines, nanoClock, engineSettings,
                timerRules);
    }

    /** The open sessions, as this transport adds and removes them. */
    public LiveSessions sessions() {
        return context.sessions();
    }

    public TransportContext context() {
        return context;
    }

    private static ConnectionSettings fromLimits(WsEndpointSettings endpoint) {
        return ConnectionSettings.builder()
                .maxFrameSize(endpoint.maxFrameSize())
                .maxMessageSize(endpoint.maxMessageSize())
                .maxFragments(endpoint.maxFragments())
                .build();
    }
}
