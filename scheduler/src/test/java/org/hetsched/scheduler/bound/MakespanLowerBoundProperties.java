package org.hetsched.scheduler.bound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.fixtures.PerDispatchOverhead;
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

    /** A dispatch overhead on the effect hook is in the bound, and every policy's run stays above it. */
    @Property(tries = 100)
    void makespanIsAtLeastTheLowerBoundWithADispatchOverhead(@ForAll("tables") CostTable costs,
                                                             @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 400_000) long npuNs,
                                                             @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 50_000) long cpuNs,
                                                             @ForAll boolean graphPreparation) {
        EngineOptions options = new EngineOptions(graphPreparation, false, List.of(new PerDispatchOverhead(npuNs, cpuNs, 0)));
        long bound = MakespanLowerBound.of(costs, options).bestNs();
        assertTrue(bound >= MakespanLowerBound.of(costs, new EngineOptions(graphPreparation, false)).bestNs());
        for (String policy : PolicyCatalog.names()) {
            if (policy.equals("optimal")) continue;
            long makespan = new Engine(costs, options).run(PolicyCatalog.create(policy)).makespanNs();
            assertTrue(makespan >= bound, policy + ": makespan " + makespan + " < bound " + bound + " with " + options);
        }
    }

    /** On one processor the forced load, overhead included, is the makespan exactly: the bound prices the overhead in full. */
    @Property(tries = 50)
    void forcedLoadPricesTheDispatchOverheadInFull(@ForAll("tables") CostTable any,
                                                   @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 50_000) long cpuNs) {
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2),
                TestPlans.cpuOnly(), any.graph().promptTokens(), any.graph().chunkTokens(), Set.of())),
                TestPlatforms.phone(), new SimpleCostModel(1000));
        EngineOptions options = EngineOptions.DEFAULTS.withEffects(List.of(new PerDispatchOverhead(0, cpuNs, 0)));
        long makespan = new Engine(costs, options).run(PolicyCatalog.create("in-order")).makespanNs();
        assertEquals(makespan, ForcedLoadLowerBound.of(costs, options));
        assertEquals(ForcedLoadLowerBound.of(costs) + cpuNs * costs.graph().size(), makespan);
        assertTrue(CriticalPathLowerBound.of(costs, options) <= makespan);
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
