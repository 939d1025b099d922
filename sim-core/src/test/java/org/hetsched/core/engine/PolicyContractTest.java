package org.hetsched.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.List;
import java.util.Set;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Policy} keeps: valid schedules on single- and multi-eligible plans,
 * determinism, and reuse of one instance across runs. A policy's test extends this class.
 */
public abstract class PolicyContractTest {

    /** A fresh instance of the policy under test. */
    protected abstract Policy newPolicy();

    /** Small graphs covering one-processor, two-processor and multi-eligible plans, with and without sync. */
    protected static List<CostTable> fixtures() {
        List<PartitionPlan> plans = TestPlans.all();
        return plans.stream().flatMap(plan -> java.util.stream.Stream.of(0L, 50_000L).map(sync -> CostTable.build(
                PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2), plan, 150, 32,
                        plan.shadow() == null ? Set.of() : Set.of(1))),
                TestPlatforms.phone(), new SimpleCostModel(sync)))).toList();
    }

    /** When {@code task} could have started on the processor it ran on: predecessors' ends plus syncs. */
    protected static long readyAtNs(Trace trace, int task) {
        long at = 0;
        int p = trace.processorOf(task);
        for (int pred : trace.graph().predecessors(task)) {
            at = Math.max(at, trace.endNs(pred) + trace.costs().syncNs(trace.processorOf(pred), p));
        }
        return at;
    }

    @Test
    public void producesValidSchedules() {
        for (CostTable costs : fixtures()) {
            Trace trace = new Engine(costs).run(newPolicy());
            assertEquals(List.of(), TraceValidator.violations(trace), costs.graph().name());
        }
    }

    @Test
    public void isDeterministicAndReusable() {
        for (CostTable costs : fixtures()) {
            Policy policy = newPolicy();
            Trace first = new Engine(costs).run(policy);
            Trace again = new Engine(costs).run(policy);
            Trace fresh = new Engine(costs).run(newPolicy());
            assertEquals(first.rows(), again.rows(), costs.graph().name());
            assertEquals(first.rows(), fresh.rows(), costs.graph().name());
        }
    }

    @Test
    public void hasANameAndADescription() {
        Policy policy = newPolicy();
        assertFalse(policy.name().isBlank());
        assertFalse(policy.description().isBlank());
        assertNotSame(policy, newPolicy());
    }
}
