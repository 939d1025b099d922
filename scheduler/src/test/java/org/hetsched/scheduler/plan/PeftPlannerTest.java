package org.hetsched.scheduler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.platform.CostTable;
import org.hetsched.scheduler.SmallGraphs;
import org.junit.jupiter.api.Test;

class PeftPlannerTest extends PolicyContractTest {

    /** a → b: a costs 2 on p0, 3 on p1; b costs 4 on p0, 1 on p1; the edge costs 6 across. */
    private static CostTable lookahead() {
        return new SmallGraphs().task("a", 2, 3).task("b", 4, 1).edge("a", "b", 6).build();
    }

    @Override
    protected Policy newPolicy() {
        return new PlannedPolicy(new PeftPlanner());
    }

    /** OCT(a, p0) = min(0+4+0, 0+1+6) = 4; OCT(a, p1) = min(0+4+6, 0+1+0) = 1; exits are 0; rank_oct(a) = 2.5. */
    @Test
    void optimisticCostsAreTheHandComputedOnes() {
        CostTable costs = lookahead();
        OptimisticCostTable oct = OptimisticCostTable.of(costs);
        int a = SmallGraphs.id(costs, "a");
        int b = SmallGraphs.id(costs, "b");
        assertEquals(4, oct.ns(a, 0));
        assertEquals(1, oct.ns(a, 1));
        assertEquals(0, oct.ns(b, 0));
        assertEquals(0, oct.ns(b, 1));
        assertEquals(2.5, oct.rankNs(a));
    }

    /** HEFT puts a on p0 (finishes at 2) and b follows (6); PEFT sees that a on p1 lets b finish at 4. */
    @Test
    void looksAheadWhereHeftIsGreedy() {
        CostTable costs = lookahead();
        assertEquals(6, new Engine(costs).run(new PlannedPolicy(new HeftPlanner())).makespanNs());
        assertEquals(4, new Engine(costs).run(newPolicy()).makespanNs());
    }

    @Test
    void ineligibleProcessorsHaveNoOptimisticCost() {
        CostTable costs = new SmallGraphs().task("a", 2, -1).task("b", 4, 1).edge("a", "b", 6).build();
        assertEquals(true, Double.isNaN(OptimisticCostTable.of(costs).ns(SmallGraphs.id(costs, "a"), 1)));
    }
}
