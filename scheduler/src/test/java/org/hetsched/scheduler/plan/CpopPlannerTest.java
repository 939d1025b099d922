package org.hetsched.scheduler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.scheduler.SmallGraphs;
import org.junit.jupiter.api.Test;

class CpopPlannerTest extends PolicyContractTest {

    @Override
    protected Policy newPolicy() {
        return new PlannedPolicy(new CpopPlanner());
    }

    /** The chain a → b → c is cheapest together on p1 (3+3+3 = 9 vs 1+20+1 = 22), though a and c alone are faster on p0. */
    @Test
    void putsTheWholeCriticalPathOnItsCheapestProcessor() {
        CostTable costs = new SmallGraphs().task("a", 1, 3).task("b", 20, 3).task("c", 1, 3)
                .edge("a", "b", 50).edge("b", "c", 50).build();
        Trace trace = new Engine(costs).run(newPolicy());
        for (String name : List.of("a", "b", "c")) assertEquals(1, trace.processorOf(SmallGraphs.id(costs, name)), name);
        assertEquals(9, trace.makespanNs());
    }

    /** a runs only on p0 and b only on p1: no processor takes the whole critical path, so each goes where it can. */
    @Test
    void fallsBackToEarliestFinishWhenNoProcessorRunsTheWholeCriticalPath() {
        CostTable costs = new SmallGraphs().task("a", 4, -1).task("b", -1, 6).edge("a", "b", 2).build();
        boolean[] all = {true, true};
        assertEquals(-1, CpopPlanner.criticalPathProcessor(costs, all));
        Trace trace = new Engine(costs).run(newPolicy());
        assertEquals(List.of(), TraceValidator.violations(trace));
        assertEquals(12, trace.makespanNs());
    }
}
