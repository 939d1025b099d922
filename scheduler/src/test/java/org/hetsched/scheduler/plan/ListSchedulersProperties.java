package org.hetsched.scheduler.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.scheduler.PrefillCases;
import org.hetsched.scheduler.bound.MakespanLowerBound;

/**
 * The fast planners, which fold the K/V rule into running maxima and Fenwick trees and find gaps in
 * a treap, agree exactly with {@link Reference}, which materialises every dependency and scans.
 */
class ListSchedulersProperties {

    @Provide
    Arbitrary<CostTable> prefills() {
        return PrefillCases.tables();
    }

    @Property(tries = 60)
    void foldedRanksEqualMaterialisedRanks(@ForAll("prefills") CostTable costs) {
        Reference ref = new Reference(costs);
        assertClose(ref.upward(), Ranks.upwardNs(costs), "rank_u");
        assertClose(ref.downward(), Ranks.downwardNs(costs), "rank_d");
    }

    @Property(tries = 60)
    void foldedOptimisticCostsEqualMaterialisedOnes(@ForAll("prefills") CostTable costs) {
        double[] expected = new Reference(costs).oct();
        OptimisticCostTable oct = OptimisticCostTable.of(costs);
        int procs = costs.platform().size();
        double[] actual = new double[expected.length];
        for (int t = 0; t < costs.graph().size(); t++) {
            for (int p = 0; p < procs; p++) actual[t * procs + p] = oct.ns(t, p);
        }
        assertClose(expected, actual, "OCT");
    }

    @Property(tries = 60)
    void plannersEqualTheirReferences(@ForAll("prefills") CostTable costs) {
        Reference ref = new Reference(costs);
        assertSamePlan(ref.heft(), new HeftPlanner().plan(costs), "heft");
        assertSamePlan(ref.cpop(), new CpopPlanner().plan(costs), "cpop");
        assertSamePlan(ref.peft(), new PeftPlanner().plan(costs), "peft");
    }

    @Property(tries = 60)
    void replayedPlansAreValidAndAboveTheLowerBound(@ForAll("prefills") CostTable costs) {
        long bound = MakespanLowerBound.of(costs).bestNs();
        for (StaticPlanner planner : List.of(new HeftPlanner(), new CpopPlanner(), new PeftPlanner())) {
            Trace trace = new Engine(costs).run(new PlannedPolicy(planner));
            assertEquals(List.of(), TraceValidator.violations(trace), planner.name());
            assertEquals(true, trace.makespanNs() >= bound, planner.name() + " beat the lower bound " + bound);
        }
    }

    private static void assertSamePlan(SchedulePlan expected, SchedulePlan actual, String name) {
        assertEquals(expected.processors(), actual.processors());
        for (int p = 0; p < expected.processors(); p++) assertArrayEquals(expected.order(p), actual.order(p), name + " p" + p);
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertEquals(true, Double.isNaN(actual[i]), what + " at " + i);
            } else {
                assertEquals(expected[i], actual[i], 1e-9 * Math.max(1, Math.abs(expected[i])), what + " at " + i);
            }
        }
    }
}
