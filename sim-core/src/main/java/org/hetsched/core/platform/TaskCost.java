package org.hetsched.core.platform;

import java.util.List;

/**
 * The price of one task on one processor.
 *
 * @param durationNs  execution time, ≥ 0; meaningless when not {@link #supported()}
 * @param basis       how it was obtained
 * @param analyticOps the ops priced by the analytic fallback, as "OP_KIND/DTYPE", for flagging
 */
public record TaskCost(long durationNs, CostBasis basis, List<String> analyticOps) {
    /** The task may not run on the processor (placement or dtype excludes it). */
    public static final TaskCost UNSUPPORTED = new TaskCost(-1, CostBasis.MEASURED, List.of());

    public TaskCost {
        analyticOps = List.copyOf(analyticOps);
        if (durationNs < -1) throw new IllegalArgumentException("duration must be >= 0 ns, got " + durationNs);
    }

    public boolean supported() {
        return durationNs >= 0;
    }
}
