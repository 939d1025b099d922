package org.hetsched.scheduler.bound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.scheduler.catalog.PolicyCatalog;

class MakespanLowerBoundProperties {

    @Provide
    Arbitrary<CostTable> tables() {
        Arbitrary<Integer> layers = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> chunk = Arbitraries.integers().between(1, 64);
        Arbitrary<Integer> prompt = Arbitraries.integers().between(1, 500);
        Arbitrary<PartitionPlan> plan = Arbitraries.of(TestPlans.all());
        Arbitrary<Long> sync = Arbitraries.longs().between(0, 100_000);
        return Combinators.combine(layers, chunk, prompt, plan, sync).as((l, c, p, pl, s) -> CostTable.build(
                PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(l), pl, p, c,
                        pl.shadow() == null ? Set.of() : Set.of(0))),
                TestPlatforms.phone(), new SimpleCostModel(s)));
    }

    @Property(tries = 150)
    void makespanIsAtLeastTheLowerBound(@ForAll("tables") CostTable costs) {
        long bound = MakespanLowerBound.of(costs).bestNs();
        for (String policy : PolicyCatalog.names()) {
            if (policy.equals("optimal")) continue; // the exact solver has its own properties, on graphs it accepts
            long makespan = new Engine(costs).run(PolicyCatalog.create(policy)).makespanNs();
            assertTrue(makespan >= bound, policy + ": makespan " + makespan + " < bound " + bound);
        }
    }

    /** With one processor and no idle time possible, the forced load is the makespan exactly. */
    @Property(tries = 50)
    void forcedLoadIsTightOnASingleProcessor(@ForAll("tables") CostTable any) {
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2),
                TestPlans.cpuOnly(), any.graph().promptTokens(), any.graph().chunkTokens(), Set.of())),
                TestPlatforms.phone(), new SimpleCostModel(1000));
        long makespan = new Engine(costs).run(PolicyCatalog.create("in-order")).makespanNs();
        assertEquals(makespan, ForcedLoadLowerBound.of(costs));
        assertTrue(CriticalPathLowerBound.of(costs) <= makespan);
    }
}
