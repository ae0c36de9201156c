package io.wsstack.spring.servlet;

import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSessionRegistry;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * What every session of the servlet transport shares: the session registry, the observers, the
 * timer thread and the clock it reads.
 *
 * @param sessions  where open sessions are registered
 * @param observer  all {@link WsObserver} beans behind one facade
 * @param scheduler the shared timer thread (idle, keep-alive and close deadlines)
 * @param nanoClock a monotonic nanosecond clock, {@link System#nanoTime()} outside tests
 */
record TransportContext(WsSessionRegistry sessions, WsObserver observer,
                               ScheduledExecutorService scheduler, LongSupplier nanoClock) {
}
