package org.hetsched.core.engine;

import org.hetsched.core.platform.CostTable;

/** What an {@link Effect.Listener} may see and change of a running simulation; valid only during the call it is passed to. */
public interface EffectView {

    /** Current simulated time. */
    long nowNs();

    /** The run's priced costs. */
    CostTable costs();

    /** The task running on {@code processor}, or -1 when it is idle. */
    int runningTask(int processor);

    /** Start of a dispatched task. */
    long startNs(int task);

    /** Scheduled end of a running task, or the end of a finished one. */
    long endNs(int task);

    /**
     * Moves the end of a task that is running now (not the one starting in an
     * {@link Effect.Listener#onStart} call: that one's duration is the return value). Costs one
     * event-queue entry; the entry it replaces is skipped when reached.
     *
     * @param endNs the new end, ≥ {@link #nowNs()}
     * @throws IllegalArgumentException if {@code task} is not running or {@code endNs} is in the past
     * @throws IllegalStateException    if the move breaks what the calling listener's effect declares
     *                                  ({@link Effect#runDurations()}): any move for
     *                                  {@code UNCHANGED}, an end before the task's start plus its
     *                                  priced duration for {@code LENGTHENED}
     */
    void setEndNs(int task, long endNs);
}
