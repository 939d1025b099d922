package org.hetsched.core.platform;

import org.hetsched.core.graph.Task;

/**
 * A schedule-independent change to a task's duration: one that depends only on the task and the
 * processor it runs on, never on when it runs or what else runs (a per-dispatch overhead, a fixed
 * slowdown factor). Because it is a function of (task, processor) alone, applying it to a
 * {@link CostTable} ({@link CostTable#adjusted}) gives the engine, lower bounds and an exact solver
 * one table to price the same things from.
 */
@FunctionalInterface
public interface DurationAdjustment {

    /**
     * The duration of {@code task} on {@code processor} after this adjustment.
     *
     * <p>Called once per cost row (tasks of equal shape and placement share one) and eligible
     * processor, with the row's first task, so it must give every task of a row the same answer.
     * Never called for a processor the task may not run on.
     *
     * @param durationNs the tabled duration, ≥ 0
     * @return the adjusted duration, ≥ 0 (a negative answer is a contract breach: the table
     *         refuses it with an {@link IllegalStateException})
     */
    long adjustedNs(Task task, Processor processor, long durationNs);
}
