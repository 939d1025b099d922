package org.hetsched.scheduler.exact;

import org.hetsched.core.platform.CostTable;
import org.hetsched.scheduler.plan.SchedulePlan;
import org.hetsched.scheduler.plan.StaticPlanner;

/** Replays one given plan, so a test can run a solver's plan through the engine without solving again. */
record FixedPlanner(SchedulePlan plan) implements StaticPlanner {

    @Override
    public String name() {
        return "test-fixed";
    }

    @Override
    public String description() {
        return "a given plan";
    }

    @Override
    public SchedulePlan plan(CostTable costs) {
        return plan;
    }
}
