package org.hetsched.core.platform;

import org.hetsched.core.graph.Task;

/**
 * How long a task takes on a processor, and what moving data between processors costs.
 *
 * <p>Implementations are pure functions of their inputs (the engine prices each distinct shape
 * once per run and caches it) and safe to share between threads.
 */
public interface CostModel {

    /** Stable name for listings. */
    String name();

    /** One line for listings, naming the source of the numbers. */
    String description();

    /**
     * The cost of running {@code task} on {@code processor}.
     *
     * @return the cost, or {@link TaskCost#UNSUPPORTED} when {@link Eligibility} refuses the pair
     *         (the task's subgraph has no placement on this processor's kind or the processor lacks
     *         a dtype it needs); never {@code null}
     */
    TaskCost cost(Task task, Processor processor);

    /**
     * Delay before a task on {@code to} can read data produced on {@code from}: the cross-processor
     * synchronisation. Must be 0 when {@code from == to}, never negative.
     */
    long syncNs(Processor from, Processor to);

    /**
     * Data movement on the explicit edge {@code producer → consumer} when the two run on different
     * processors, paid on top of {@link #syncNs}; never negative. The default, 0, suits models
     * whose sync already covers the hand-over (prefill graphs share memory). Edges implied by the
     * K/V rule pay only {@link #syncNs}.
     */
    default long transferNs(Task producer, Task consumer) {
        return 0;
    }

    /**
     * One-time cost of preparing (building and optimising) the static graph {@code task} executes
     * on {@code processor}, paid once per distinct static graph; 0 where graphs need no preparation.
     */
    long graphPreparationNs(Task task, Processor processor);

    /**
     * Extra cost of the first execution, in one run, of the static graph {@code task} executes on
     * {@code processor} (buffers registered and mapped, the runtime's first execute), beyond what
     * later executions of the same graph cost; paid in every run, unlike
     * {@link #graphPreparationNs}. {@link CostTable#build} charges it to the graph's first task in
     * id order (in a prefill, its earliest chunk), whatever the schedule, so it is part of that
     * task's duration for the engine, bounds and exact solvers alike. The default, 0, suits models
     * without it; never negative.
     */
    default long firstRunNs(Task task, Processor processor) {
        return 0;
    }
}
