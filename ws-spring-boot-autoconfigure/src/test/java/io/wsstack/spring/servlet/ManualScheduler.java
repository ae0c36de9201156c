package io.wsstack.spring.servlet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler and clock driven by the test: {@link #advance} moves time and runs what fell due, on
 * the calling thread, so timer behaviour is checked without sleeping or asserting timings.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private long now;
    private final List<Task> tasks = new ArrayList<>();

    long nanoTime() {
        return now;
    }

    /** Moves the clock forward, running every task that falls due (periodic ones again and again). */
    void advance(long nanos) {
        long target = now + nanos;
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= target)
                    .min(Comparator.comparingLong(t -> t.due)).orElse(null);
            if (next == null) {
                break;
            }
            now = next.due;
            if (next.period > 0) {
                next.due += next.period;
            } else {
                tasks.remove(next);
            }
            next.command.run();
        }
        now = target;
    }

    /** Tasks still waiting (not cancelled). */
    long pending() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable command;
        long due;
        final long period;
        boolean cancelled;

        Task(Runnable command, long due, long period) {
            this.command = command;
            this.due = due;
            this.period = period;
        }

        @Override public long getDelay(TimeUnit unit) { return unit.convert(due - now, TimeUnit.NANOSECONDS); }
        @Override public int compareTo(Delayed o) { return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS)); }
        @Override public boolean cancel(boolean interrupt) { cancelled = true; return true; }
        @Override public boolean isCancelled() { return cancelled; }
        @Override public boolean isDone() { return cancelled; }
        @Override public Object get() { throw new UnsupportedOperationException(); }
        @Override public Object get(long timeout, TimeUnit unit) { throw new UnsupportedOperationException(); }
    }

    private Task add(Runnable command, long delay, long period, TimeUnit unit) {
        Task task = new Task(command, now + unit.toNanos(delay), unit.toNanos(period));
        tasks.add(task);
        return task;
    }

    @Override public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) { return add(command, delay, 0, unit); }
    @Override public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) { return add(command, initialDelay, period, unit); }
    @Override public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) { return add(command, initialDelay, delay, unit); }
    @Override public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) { throw new UnsupportedOperationException(); }
    @Override public void execute(Runnable command) { command.run(); }
    @Override public void shutdown() { }
    @Override public List<Runnable> shutdownNow() { return List.of(); }
    @Override public boolean isShutdown() { return false; }
    @Override public boolean isTerminated() { return false; }
    @Override public boolean awaitTermination(long timeout, TimeUnit unit) { return true; }
}
