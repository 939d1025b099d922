package org.hetsched.core.engine;

/**
 * Decides which ready task an idle processor runs next (push when ready, pop when idle).
 *
 * <p>Call order within one run: {@link #start} once; then, as simulated time advances,
 * {@link #onReady} for every (task, eligible processor) pair at the moment the task may start
 * there, {@link #onFinished} for every task as it ends (before its successors are offered), and
 * {@link #select} whenever a processor is idle after the events of an instant were handled. A policy instance serves one run at a time and is not shared between threads;
 * {@code start} resets it, so the same instance can run again.
 */
public interface Policy {
    /** Returned by {@link #select} to leave the processor idle until the next event. */
    int IDLE = -1;

    /** Stable name, as the command line accepts it. */
    String name();

    /** One line for listings; names the paper when the policy comes from one. */
    String description();

    /** Called once before a run; forget everything from earlier runs. */
    void start(SchedulerView view);

    /**
     * {@code task} may now start on {@code processor}: all its predecessors have finished and the
     * syncs of edges crossing to this processor have elapsed. Called once per eligible processor;
     * a task eligible on several processors is offered to each, possibly at different times.
     */
    void onReady(int task, int processor, SchedulerView view);

    /**
     * {@code task} has just finished on {@code processor}; its successors are offered after this
     * call. During the call the view still counts {@code task} among its successors' unfinished
     * predecessors (and K/V producers): the engine updates them right after. Optional: the
     * default does nothing.
     */
    default void onFinished(int task, int processor, SchedulerView view) {
    }

    /**
     * {@code processor} is idle at {@link SchedulerView#nowNs()}.
     *
     * @return a task offered to this processor by {@link #onReady} and not yet dispatched
     *         ({@link SchedulerView#isDispatched}), or {@link #IDLE} to leave it idle; the engine
     *         rejects anything else with an {@link IllegalStateException}
     */
    int select(int processor, SchedulerView view);
}
