package org.hetsched.scheduler.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.platform.CostTable;
import org.hetsched.scheduler.SmallGraphs;
import org.junit.jupiter.api.Test;

class HeftPlannerTest extends PolicyContractTest {

    @Override
    protected Policy newPolicy() {
        return new PlannedPolicy(new HeftPlanner());
    }

    /**
     * b waits on p0 for x (30 ns on p1); d, ranked last, fits in p0's idle gap [10, 30) between a and
     * b instead of after b.
     */
    @Test
    void insertsALaterTaskIntoAnEarlierIdleGap() {
        CostTable costs = new SmallGraphs()
                .task("x", -1, 30).task("a", 10, -1).task("b", 10, -1).task("d", 5, -1)
                .edge("x", "b", 0).build();
        SchedulePlan plan = new HeftPlanner().plan(costs);
        int[] p0 = {SmallGraphs.id(costs, "a"), SmallGraphs.id(costs, "d"), SmallGraphs.id(costs, "b")};
        assertArrayEquals(p0, plan.order(0));
        assertEquals(40, new Engine(costs).run(new PlannedPolicy(new HeftPlanner())).makespanNs());
    }

    /** Each task goes where it finishes first: a and b (5 ns vs 20) share p0, c (5 vs 8) finishes earlier on p1. */
    @Test
    void placesEachTaskWhereItFinishesFirst() {
        CostTable costs = new SmallGraphs().task("a", 5, 20).task("b", 5, 20).task("c", 5, 8).build();
        SchedulePlan plan = new HeftPlanner().plan(costs);
        assertArrayEquals(new int[] {SmallGraphs.id(costs, "a"), SmallGraphs.id(costs, "b")}, plan.order(0));
        assertArrayEquals(new int[] {SmallGraphs.id(costs, "c")}, plan.order(1));
    }
}
