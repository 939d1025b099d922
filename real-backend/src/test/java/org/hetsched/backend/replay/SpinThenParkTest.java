package org.hetsched.backend.replay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SpinThenParkTest {

    @Test
    void returnsAtOnceWhenAlreadyDone() {
        new SpinThenPark(1, Long.MAX_VALUE / 4, this).await(0, () -> true);
    }

    @Test
    void aParkedLaneReturnsOnceWokenAfterThePublishedWork() throws InterruptedException {
        SpinThenPark waits = new SpinThenPark(2, 0, this);
        AtomicBoolean work = new AtomicBoolean();
        AtomicBoolean returned = new AtomicBoolean();
        Thread lane = new Thread(() -> {
            waits.await(1, work::get);
            returned.set(true);
        });
        lane.start();
        // spin time 0: the lane parks at once; wait until it does, then publish and wake
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lane.getState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.onSpinWait();
        work.set(true);
        waits.wake(1, lane);
        lane.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(returned.get());
    }
}
