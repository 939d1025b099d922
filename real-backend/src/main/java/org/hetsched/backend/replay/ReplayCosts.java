package org.hetsched.backend.replay;

import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostBasis;
import org.hetsched.core.platform.CostModel;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;

/**
 * The cost table a measured trace is built over: 0 ns where {@link Eligibility} lets a lane run a
 * task, ineligible elsewhere, no sync. Why zero: a CostTable prices tasks per shape, so it cannot
 * hold per-task measurements, and {@code TraceValidator} checks {@code end − start ≥ tabled}; with
 * 0 it checks exactly what a measured run must satisfy (each task once, on an eligible lane, after
 * its predecessors, no overlap) and the measured durations stay in the trace rows. Stateless.
 */
public final class ReplayCosts implements CostModel {
    private static final ReplayCosts INSTANCE = new ReplayCosts();

    private ReplayCosts() {
    }

    /** The table for {@code graph} on {@code lanes}. */
    public static CostTable table(TaskGraph graph, Platform lanes) {
        return CostTable.build(graph, lanes, INSTANCE);
    }

    @Override
    public String name() {
        return "measured";
    }

    @Override
    public String description() {
        return "a measured run: durations are in the trace rows, the table only says which lane may run what";
    }

    @Override
    public TaskCost cost(Task task, Processor processor) {
        return Eligibility.reason(task, processor) == null ? new TaskCost(0, CostBasis.MEASURED, java.util.List.of())
                : TaskCost.UNSUPPORTED;
    }

    @Override
    public long syncNs(Processor from, Processor to) {
        return 0;
    }

    @Override
    public long graphPreparationNs(Task task, Processor processor) {
        return 0;
    }
}
