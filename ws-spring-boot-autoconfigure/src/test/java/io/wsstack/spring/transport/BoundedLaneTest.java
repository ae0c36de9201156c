package io.wsstack.spring.transport;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded handler lane both decode-ahead transports (Reactor Netty, the Tomcat socket takeover)
 * use. Both executors are queues run by hand, so every interleaving below is exact, not timed.
 */
class BoundedLaneTest {

    /** The handler threads: runs queued by the lane's SerialExecutor, run when the test says. */
    private final ArrayDeque<Runnable> handlerThreads = new ArrayDeque<>();
    private final RecordingOwner owner = new RecordingOwner();
    private final BoundedLane lane = new BoundedLane(handlerThreads::add, owner);

    @Test
    @DisplayName("the lane says 'full' at the call that reaches " + BoundedLane.MAX_CALLS + " waiting calls, and queues that call anyway")
    void fullAtMaxCalls() {
        for (int i = 1; i < BoundedLane.MAX_CALLS; i++) {
            assertThat(lane.offer(() -> { }, 0)).as("call %d", i).isTrue();
        }
        List<String> ran = new ArrayList<>();
        assertThat(lane.offer(() -> ran.add("last"), 0)).isFalse();
        runHandlers();
        assertThat(ran).as("the call that filled the lane still runs").containsExactly("last");
        assertThat(lane.offer(() -> { }, 0)).as("room again once the calls have run").isTrue();
    }

    @Test
    @DisplayName("the lane says 'full' at the call that reaches " + BoundedLane.MAX_BYTES + " waiting payload bytes")
    void fullAtMaxBytes() {
        assertThat(lane.offer(() -> { }, BoundedLane.MAX_BYTES - 1)).isTrue();
        assertThat(lane.offer(() -> { }, 1)).isFalse();
        runHandlers();
        assertThat(lane.offer(() -> { }, BoundedLane.MAX_BYTES - 1)).as("the bytes were given back").isTrue();
    }

    @Test
    @DisplayName("handler calls and unbounded tasks run one at a time in the order they were queued")
    void keepsSessionOrder() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            if (i % 3 == 2) {
                lane.execute(() -> order.add(n));
            } else {
                lane.offer(() -> order.add(n), 10);
            }
        }
        assertThat(handlerThreads).as("one run for the whole burst: one at a time").hasSize(1);
        runHandlers();
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    @DisplayName("a pause while the lane holds more than half waits; the batch end that drains it schedules one resume on the read thread")
    void resumesOnTheReadThreadOnceDrained() {
        fill(BoundedLane.MAX_CALLS);
        lane.pause();
        assertThat(lane.isPaused()).isTrue();
        assertThat(owner.readThread).as("no resume while the lane is full").isEmpty();

        runHandlers();
        assertThat(owner.events).as("the transport hears the run's start and end")
                .startsWith("batchStarted").endsWith("batchEnded");
        assertThat(owner.readThread).as("one resume, queued on the read thread").hasSize(1);
        assertThat(owner.resumes).as("not run on the handler thread").isZero();

        runReadThread();
        assertThat(owner.resumes).isEqualTo(1);
        assertThat(lane.isPaused()).isFalse();
    }

    @Test
    @DisplayName("the lane drained before the pause was seen: the pause itself checks again and schedules the resume")
    void pauseChecksAgainAfterPausing() {
        fill(BoundedLane.MAX_CALLS);
        runHandlers(); // the batch end saw no pause: nothing to resume yet
        assertThat(owner.readThread).isEmpty();

        lane.pause();
        assertThat(owner.readThread).hasSize(1);
        runReadThread();
        assertThat(owner.resumes).isEqualTo(1);
        assertThat(lane.isPaused()).isFalse();
    }

    @Test
    @DisplayName("reading resumes at half the calls or bytes, not one above")
    void resumesAtHalf() {
        fill(BoundedLane.MAX_CALLS / 2 + 1);
        lane.pause();
        assertThat(owner.readThread).as("%d calls waiting", BoundedLane.MAX_CALLS / 2 + 1).isEmpty();

        RecordingOwner atHalf = new RecordingOwner();
        BoundedLane halfLane = new BoundedLane(new ArrayDeque<Runnable>()::add, atHalf);
        for (int i = 0; i < BoundedLane.MAX_CALLS / 2; i++) {
            halfLane.offer(() -> { }, 0);
        }
        halfLane.pause();
        assertThat(atHalf.readThread).as("%d calls waiting", BoundedLane.MAX_CALLS / 2).hasSize(1);

        RecordingOwner bytesAbove = new RecordingOwner();
        BoundedLane bytesLane = new BoundedLane(new ArrayDeque<Runnable>()::add, bytesAbove);
        bytesLane.offer(() -> { }, BoundedLane.MAX_BYTES / 2 + 1);
        bytesLane.pause();
        assertThat(bytesAbove.readThread).as("half the bytes and one more waiting").isEmpty();

        RecordingOwner bytesHalf = new RecordingOwner();
        BoundedLane bytesHalfLane = new BoundedLane(new ArrayDeque<Runnable>()::add, bytesHalf);
        bytesHalfLane.offer(() -> { }, BoundedLane.MAX_BYTES / 2);
        bytesHalfLane.pause();
        assertThat(bytesHalf.readThread).as("half the bytes waiting").hasSize(1);
    }

    @Test
    @DisplayName("a resume that finds the lane full again stays paused, and the next batch end tries again")
    void resumeFindingTheLaneFullAgainWaits() {
        fill(BoundedLane.MAX_CALLS);
        lane.pause();
        runHandlers();
        assertThat(owner.readThread).hasSize(1);
        fill(BoundedLane.MAX_CALLS); // queued after the resume was scheduled, before it ran
        runReadThread();
        assertThat(owner.resumes).isZero();
        assertThat(lane.isPaused()).isTrue();

        runHandlers();
        runReadThread();
        assertThat(owner.resumes).isEqualTo(1);
        assertThat(lane.isPaused()).isFalse();
    }

    @Test
    @DisplayName("at most one resume waits on the read thread, however often the lane finds room")
    void schedulesOneResumeAtATime() {
        lane.pause();
        lane.pause();
        lane.offer(() -> { }, 0);
        runHandlers();
        assertThat(owner.readThread).hasSize(1);
        runReadThread();
        assertThat(owner.resumes).isEqualTo(1);
    }

    @Test
    @DisplayName("a handler call that throws still gives its place and bytes back")
    void failedCallGivesItsPlaceBack() {
        for (int i = 0; i < BoundedLane.MAX_CALLS; i++) {
            lane.offer(() -> {
                throw new IllegalStateException("handler failed (expected by the test)");
            }, BoundedLane.MAX_BYTES / BoundedLane.MAX_CALLS);
        }
        lane.pause();
        runHandlers();
        runReadThread();
        assertThat(owner.resumes).isEqualTo(1);
        assertThat(lane.offer(() -> { }, BoundedLane.MAX_BYTES - 1)).isTrue();
    }

    private void fill(int calls) {
        for (int i = 0; i < calls; i++) {
            lane.offer(() -> { }, 1);
        }
    }

    private void runHandlers() {
        Runnable run;
        while ((run = handlerThreads.poll()) != null) {
            run.run();
        }
    }

    private void runReadThread() {
        Runnable task;
        while ((task = owner.readThread.poll()) != null) {
            task.run();
        }
    }

    /** A transport that records what the lane asks of it; its read thread is a queue the test runs. */
    private static final class RecordingOwner implements BoundedLane.Owner {
        final ArrayDeque<Runnable> readThread = new ArrayDeque<>();
        final List<String> events = new ArrayList<>();
        int resumes;

        @Override
        public void executeOnReadThread(Runnable task) {
            readThread.add(task);
        }

        @Override
        public void resumeReading() {
            resumes++;
        }

        @Override
        public void batchStarted() {
            events.add("batchStarted");
        }

        @Override
        public void batchEnded() {
            events.add("batchEnded");
        }
    }
}
