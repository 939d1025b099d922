package org.hetsched.scheduler.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.scheduler.RandomTaskGraphs;
import org.hetsched.scheduler.bound.MakespanLowerBound;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import org.hetsched.scheduler.plan.CpopPlanner;
import org.hetsched.scheduler.plan.HeftPlanner;
import org.hetsched.scheduler.plan.PeftPlanner;
import org.hetsched.scheduler.plan.PlannedPolicy;

/** On random small DAGs the exact solver proves its optimum, and no heuristic or bound contradicts it. */
class CpSatPlannerProperties {
    private static final CpSatPlanner SOLVER = new CpSatPlanner(Duration.ofSeconds(10), 400, 42);

    private static List<Policy> heuristics() {
        List<Policy> policies = new ArrayList<>();
        policies.add(new PlannedPolicy(new HeftPlanner()));
        policies.add(new PlannedPolicy(new CpopPlanner()));
        policies.add(new PlannedPolicy(new PeftPlanner()));
        policies.add(PolicyCatalog.create("in-order"));
        policies.add(PolicyCatalog.create("fifo"));
        return policies;
    }

    @Property(tries = 40)
    void theOptimumIsProvenAndBoundedByEveryHeuristicAndTheLowerBound(@ForAll long seed) {
        CostTable costs = RandomTaskGraphs.of(seed);
        long lower = MakespanLowerBound.of(costs).bestNs();
        OptimalResult optimum = SOLVER.solve(costs);
        assertTrue(optimum.proven(), "not proven: " + optimum);
        assertTrue(optimum.makespanNs() >= lower, "optimum " + optimum.makespanNs() + " below the lower bound " + lower);
        assertTrue(optimum.boundNs() >= lower);

        Trace exact = new Engine(costs).run(new PlannedPolicy(new FixedPlanner(optimum.plan())));
        assertEquals(List.of(), TraceValidator.violations(exact));
        assertEquals(optimum.makespanNs(), exact.makespanNs(), "the replayed optimum differs from the solver's");

        for (Policy policy : heuristics()) {
            Trace trace = new Engine(costs).run(policy);
            assertEquals(List.of(), TraceValidator.violations(trace), policy.name());
            assertTrue(trace.makespanNs() >= lower, policy.name() + " below the lower bound");
            assertTrue(trace.makespanNs() >= optimum.makespanNs(),
                    policy.name() + " (" + trace.makespanNs() + ") beat the optimum (" + optimum.makespanNs() + ")");
        }
    }
}
