package org.hetsched.core.platform;

import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.Task;

/**
 * The one rule for whether a processor may run a task: the task's subgraph has a placement on the
 * processor's kind, and the processor computes every dtype that placement asks of the task's ops
 * ({@link Placement#dtypeOf}). The cost models of prefill graphs price only what it allows, and
 * every backend refuses what it refuses. A {@link CostTable} records what its model says and does
 * not re-check it: estimates may be wider than a backend (a replay refuses them), and a generic
 * graph's table decides per processor. Stateless.
 */
public final class Eligibility {
    private Eligibility() {
    }

    /** Whether {@code processor} may run {@code task}. */
    public static boolean eligible(Task task, Processor processor) {
        return reason(task, processor) == null;
    }

    /** Why {@code task} cannot run on {@code processor}, or {@code null} if it can. */
    public static String reason(Task task, Processor processor) {
        Placement placement = task.subgraph().placementOn(processor.kind());
        if (placement == null) {
            return "subgraph " + task.subgraph().name() + " has no placement on " + processor.kind()
                    + " (it may run on " + task.subgraph().placements().stream().map(Placement::processorKind).toList() + ")";
        }
        for (Op op : task.ops()) {
            DType dtype = placement.dtypeOf(op.kind());
            if (!processor.dtypes().contains(dtype)) {
                return "op " + op.label() + " needs " + dtype + " but processor " + processor.name() + " computes only "
                        + processor.dtypes().stream().sorted().toList();
            }
        }
        return null;
    }
}
