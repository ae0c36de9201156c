package io.wsstack.core.session;

import java.util.ArrayList;
import java.util.List;

/** A {@link SessionScheduler} and clock driven by the test: {@link #advance} moves time and runs what fell due. */
final class ManualScheduler implements SessionScheduler {

    private long now;
    private final List<long[]> dues = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();

    long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        long[] due = {now + delayNanos};
        dues.add(due);
        tasks.add(task);
        return () -> {
            int i = dues.indexOf(due);
            if (i >= 0) {
                dues.remove(i);
                tasks.remove(i);
            }
        };
    }

    /** Moves the clock forward, running every task that falls due, in time order. */
    void advance(long nanos) {
        long target = now + nanos;
        while (true) {
            int next = -1;
            for (int i = 0; i < dues.size(); i++) {
                if (dues.get(i)[0] <= target && (next < 0 || dues.get(i)[0] < dues.get(next)[0])) {
                    next = i;
                }
            }
            if (next < 0) {
                break;
            }
            now = dues.remove(next)[0];
            tasks.remove(next).run();
        }
        now = target;
    }

    int pending() {
        return dues.size();
    }
}
