package org.hetsched.scheduler.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.scheduler.TopcuogluExample;
import org.junit.jupiter.api.Test;

/** HEFT and CPOP reproduce the published numbers of Topcuoglu, Hariri, Wu (IEEE TPDS 2002), Fig. 2–4. */
class TopcuogluExampleTest {
    private static final double PRINTED_PRECISION = 0.0005; // the paper prints three decimals

    private final TopcuogluExample example = TopcuogluExample.load();

    @Test
    void upwardAndDownwardRanksAreThePublishedOnes() {
        double[] up = Ranks.upwardNs(example.costs);
        double[] down = Ranks.downwardNs(example.costs);
        assertEquals(10, example.ranks.size());
        for (Map.Entry<String, double[]> e : example.ranks.entrySet()) {
            int t = example.id(e.getKey());
            assertEquals(e.getValue()[0], up[t], PRINTED_PRECISION, "rank_u of " + e.getKey());
            assertEquals(e.getValue()[1], down[t], PRINTED_PRECISION, "rank_d of " + e.getKey());
        }
    }

    /** n3 and n4 tie at rank_u 80: the lower id (n3) goes first, as in the paper's order. */
    @Test
    void heftVisitsTasksInThePublishedOrder() {
        int[] order = Priorities.byDecreasing(Ranks.upwardNs(example.costs));
        int[] published = List.of("n1", "n3", "n4", "n2", "n5", "n6", "n9", "n7", "n8", "n10").stream()
                .mapToInt(example::id).toArray();
        assertArrayEquals(published, order);
    }

    @Test
    void heftReproducesThePublishedScheduleWithMakespan80() {
        Trace trace = new Engine(example.costs).run(new PlannedPolicy(new HeftPlanner()));
        assertEquals(List.of(), TraceValidator.violations(trace));
        assertEquals(example.makespans.get("heft"), trace.makespanNs());
        assertEquals(80, trace.makespanNs());
        for (Map.Entry<String, TopcuogluExample.Placed> e : example.heft.entrySet()) {
            int t = example.id(e.getKey());
            TopcuogluExample.Placed placed = e.getValue();
            assertEquals(placed, new TopcuogluExample.Placed(trace.processorOf(t), trace.startNs(t), trace.endNs(t)),
                    e.getKey());
        }
    }

    @Test
    void cpopReproducesThePublishedMakespan86() {
        Trace trace = new Engine(example.costs).run(new PlannedPolicy(new CpopPlanner()));
        assertEquals(List.of(), TraceValidator.violations(trace));
        assertEquals(example.makespans.get("cpop"), trace.makespanNs());
        assertEquals(86, trace.makespanNs());
    }

    /** The critical path is n1 → n2 → n9 → n10 (priority 108), cheapest together on P2 (16+19+12+7 = 54). */
    @Test
    void cpopPutsTheCriticalPathOnP2() {
        Trace trace = new Engine(example.costs).run(new PlannedPolicy(new CpopPlanner()));
        for (String name : List.of("n1", "n2", "n9", "n10")) assertEquals(1, trace.processorOf(example.id(name)), name);
    }
}
