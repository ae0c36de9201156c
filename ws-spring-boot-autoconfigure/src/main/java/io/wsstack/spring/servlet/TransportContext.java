package io.wsstack.spring.servlet;

import io.wsstack.core.ConnectionSettings;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.WsObserver;

import io.wsstack.core.session.SessionScheduler;
import io.wsstack.core.session.SessionTimers;
import io.wsstack.spring.transport.LiveSessions;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What every session of the servlet transport shares: the open sessions, the observers, the
 * timer thread, the clock it reads, and each endpoint's engine settings.
 *
 * @param sessions       where open sessions are registered
 * @param observer       all {@link WsObserver} beans behind one facade
 * @param scheduler      the shared timer thread (idle, keep-alive, pong and close deadlines)
 * @param nanoClock      a monotonic nanosecond clock, {@link System#nanoTime()} outside tests
 * @param engineSettings the engine limits of an endpoint, computed once per endpoint
 * @param timerRules     the timer durations of an endpoint on this scheduler and clock, made once
 *                       per endpoint and shared by its sessions
 */
public record TransportContext(LiveSessions sessions, WsObserver observer, SessionScheduler scheduler,
                        LongSupplier nanoClock, Function<WsEndpointSettings, ConnectionSettings> engineSettings,
                        Function<WsEndpointSettings, SessionTimers.Rules> timerRules) {
}
