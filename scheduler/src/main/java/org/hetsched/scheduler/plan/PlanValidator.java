package org.hetsched.scheduler.plan;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.platform.CostTable;

/**
 * Checks the structure of a plan before it is replayed: one order per processor, every task
 * exactly once, each on a processor it is eligible on. Whether the orders respect the
 * dependencies shows when the plan runs: the engine reports a deadlock, and
 * {@link org.hetsched.core.trace.TraceValidator} checks the resulting schedule like any other.
 */
public final class PlanValidator {
    private static final int MAX_REPORTED = 20;

    private PlanValidator() {
    }

    /** Every problem found, at most {@value #MAX_REPORTED}; empty when the plan is well formed. */
    public static List<String> violations(SchedulePlan plan, CostTable costs) {
        List<String> out = new ArrayList<>();
        int n = costs.graph().size();
        if (plan.processors() != costs.platform().size()) {
            out.add("plan has " + plan.processors() + " processor orders, the platform " + costs.platform().size());
            return out;
        }
        int[] seen = new int[n];
        for (int p = 0; p < plan.processors(); p++) {
            for (int k = 0; k < plan.orderLength(p); k++) {
                int t = plan.taskAt(p, k);
                if (t < 0 || t >= n) {
                    out.add("processor " + costs.platform().processor(p).name() + " lists task " + t + ", which does not exist");
                    continue;
                }
                seen[t]++;
                if (!costs.eligible(t, p)) {
                    out.add("task " + costs.graph().task(t).label() + " is placed on "
                            + costs.platform().processor(p).name() + ", where it may not run");
                }
            }
        }
        for (int t = 0; t < n && out.size() < MAX_REPORTED; t++) {
            if (seen[t] != 1) out.add("task " + costs.graph().task(t).label() + " appears " + seen[t] + " times");
        }
        return out.size() > MAX_REPORTED ? out.subList(0, MAX_REPORTED) : out;
    }

    /** @throws IllegalStateException listing the problems, if there are any */
    public static void validate(SchedulePlan plan, CostTable costs, String planner) {
        List<String> v = violations(plan, costs);
        if (!v.isEmpty()) throw new IllegalStateException("planner " + planner + " produced a malformed plan: " + String.join("; ", v));
    }
}
