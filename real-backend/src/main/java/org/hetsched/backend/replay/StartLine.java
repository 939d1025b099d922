package org.hetsched.backend.replay;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts a replay's workers together. Each worker {@link #arrive arrives} once it is set up (pinned),
 * then busy-waits for the start; the coordinator waits until all have arrived and then
 * {@link #go}es. Spinning rather than parking matters: a parked thread can take milliseconds to
 * wake on a loaded machine, which would show up as a gap before the first task of a lane. A worker
 * that waits for longer than {@value #SPIN_LIMIT_MS} ms falls back to short sleeps, so a slow
 * coordinator does not cost a core. Thread-safe; one instance per replay.
 */
final class StartLine {
    private static final long SPIN_LIMIT_MS = 100;
    private static final long SLEEP_NS = 100_000;

    private final CountDownLatch arrived;
    private volatile long originNs;
    private volatile boolean started;

    StartLine(int workers) {
        arrived = new CountDownLatch(workers);
    }

    /** A worker is ready to start; call exactly once per worker, also when its set-up failed. */
    void arrive() {
        arrived.countDown();
    }

    /** Waits, in the coordinator, until every worker has {@link #arrive arrived}. */
    void awaitArrivals() throws InterruptedException {
        arrived.await();
    }

    /** Marks time zero of the replay (the coordinator may still decide things before {@link #go}). */
    long markOrigin() {
        originNs = System.nanoTime();
        return originNs;
    }

    /** Releases the waiting workers. */
    void go() {
        started = true;
    }

    /** The origin of {@link #markOrigin}, once started. */
    long awaitGo() {
        long spinUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPIN_LIMIT_MS);
        while (!started) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(SLEEP_NS);
            }
        }
        return originNs;
    }
}
