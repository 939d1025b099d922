package org.hetsched.scheduler.plan;

import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.platform.CostTable;

/** Computes a whole schedule up front from the graph and its costs. */
public interface StaticPlanner {

    /** Stable name, as the command line accepts it. */
    String name();

    /** One line for listings; names the paper the algorithm comes from. */
    String description();

    /**
     * A plan for {@code costs.graph()} on {@code costs.platform()}; must place every task exactly once on
     * a processor it is eligible on, in an order the dependencies allow.
     */
    SchedulePlan plan(CostTable costs);

    /**
     * A plan for a run that charges what {@code options} switch on (graph preparation). A heuristic
     * plans on the durations alone (this default); a planner whose result claims optimality must
     * price exactly what the engine will, and overrides this.
     */
    default SchedulePlan plan(CostTable costs, EngineOptions options) {
        return plan(costs);
    }
}
