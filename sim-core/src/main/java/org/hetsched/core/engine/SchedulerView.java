package org.hetsched.core.engine;

import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/** What a policy may see of a running simulation; read-only, valid only during the call it is passed to. */
public interface SchedulerView {

    /** Current simulated time. */
    long nowNs();

    TaskGraph graph();

    /**
     * Durations, eligibility and syncs of this run, priced by its effects
     * ({@link EngineOptions#pricedCosts}: e.g. a dispatch overhead is in the durations).
     */
    CostTable costs();

    /**
     * What this run charges beyond {@link #costs()} (graph preparation, effects), so that a planner
     * that claims an optimum prices exactly what the run will. Pricing {@link #costs()} again with
     * these options changes nothing.
     */
    EngineOptions options();

    /** Whether the task has been handed to a processor (running or finished). */
    boolean isDispatched(int task);

    boolean isFinished(int task);

    /** Earliest start of a released task on a processor; undefined before the task is released. */
    long readyAtNs(int task, int processor);

    /** The task running on {@code processor}, or -1 when idle. */
    int runningTask(int processor);

    /** When a dispatched task started (or starts, if it waits for nothing else); undefined before dispatch. */
    long startNs(int task);

    /**
     * Predecessors of {@code task} not finished yet, counting the K/V rule's "every earlier chunk"
     * as one more while it is unmet; 0 once the task is released.
     */
    int unfinishedPredecessors(int task);

    /**
     * For a K/V group of {@link org.hetsched.core.graph.TaskGraph#kvRule()}: how many leading chunks
     * have all their producers finished (the consumer of chunk i is gated until this reaches i).
     */
    int kvReadyChunks(int group);

    /** Producers of {@code group} in {@code chunk} that have not finished. */
    int kvProducersLeft(int group, int chunk);
}
