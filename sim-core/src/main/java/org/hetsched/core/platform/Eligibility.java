package org.hetsched.core.platform;

import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.Task;

/**
 * The one rule for whether a lane may run a task: the task's subgraph has a placement on the
 * lane's processor kind, and the lane computes every dtype that placement asks of the task's ops.
 * Stateless.
 */
public final class Eligibility {
    private Eligibility() {
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
                return "op " + op.label() + " needs " + dtype + " but lane " + processor.name() + " computes only "
                        + processor.dtypes().stream().sorted().toList();
            }
        }
        return null;
    }
}
