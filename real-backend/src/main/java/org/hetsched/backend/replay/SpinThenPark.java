package org.hetsched.backend.replay;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How a replay lane waits for its next piece of work: it spins for {@code spinNs} (a spinning
 * thread sees the work within nanoseconds, a parked one may take milliseconds to wake on a loaded
 * machine, which would show as a gap in the measured trace), then parks until another lane
 * {@link #wake wakes} it. The parked flag is raised before the last check and {@link #wake} reads
 * it after the waker has published the work, so work never slips between check and park unseen.
 *
 * <p>Thread-safe: each lane {@link #await awaits} only on its own thread; any thread may wake any lane.
 */
final class SpinThenPark {
    /** Per lane: 1 while its worker is parked or about to park. */
    private final AtomicIntegerArray parked;
    private final long spinNs;
    private final Object blocker;

    /**
     * @param lanes   how many lanes wait on it
     * @param spinNs  how long a lane spins before it parks
     * @param blocker what a parked thread is shown waiting on (e.g. in a thread dump)
     */
    SpinThenPark(int lanes, long spinNs, Object blocker) {
        this.parked = new AtomicIntegerArray(lanes);
        this.spinNs = spinNs;
        this.blocker = blocker;
    }

    /**
     * Returns once {@code done} is true, on {@code lane}'s own thread. {@code done} must become true
     * only through a change that is followed by {@link #wake} of this lane (or a spurious wake-up).
     */
    void await(int lane, BooleanSupplier done) {
        if (done.getAsBoolean()) return;
        long spinUntil = System.nanoTime() + spinNs;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
                continue;
            }
            parked.set(lane, 1);
            if (!done.getAsBoolean()) LockSupport.park(blocker);
            parked.set(lane, 0);
        }
    }

    /** Unparks {@code worker}, the thread of {@code lane}, if it is parked or about to park; call after publishing its work. */
    void wake(int lane, Thread worker) {
        if (parked.get(lane) == 1) LockSupport.unpark(worker);
    }
}
