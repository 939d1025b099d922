package org.hetsched.scheduler.plan;

import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;

/**
 * Runs a static planner's plan: at {@link #start} the planner computes the plan (its time counts as
 * the policy's decision time), then each processor runs its next planned task as soon as the
 * engine offers it, and idles otherwise, even if another task is ready. Reusable across runs.
 */
public final class PlannedPolicy implements Policy {
    private final StaticPlanner planner;
    private SchedulePlan plan;
    private int[] next = new int[0];
    private boolean[][] offered = new boolean[0][];

    public PlannedPolicy(StaticPlanner planner) {
        this.planner = planner;
    }

    @Override
    public String name() {
        return planner.name();
    }

    @Override
    public String description() {
        return planner.description();
    }

    /** The plan of the last run, or {@code null} before the first. */
    public SchedulePlan plan() {
        return plan;
    }

    @Override
    public void start(SchedulerView view) {
        plan = planner.plan(view.costs(), view.options());
        PlanValidator.validate(plan, view.costs(), planner.name());
        int processors = view.costs().platform().size();
        next = new int[processors];
        offered = new boolean[processors][view.graph().size()];
    }

    @Override
    public void onReady(int task, int processor, SchedulerView view) {
        offered[processor][task] = true;
    }

    @Override
    public int select(int processor, SchedulerView view) {
        if (next[processor] >= plan.orderLength(processor)) return IDLE;
        int task = plan.taskAt(processor, next[processor]);
        if (!offered[processor][task]) return IDLE; // wait for the planned task, as a static schedule does
        next[processor]++;
        return task;
    }
}
