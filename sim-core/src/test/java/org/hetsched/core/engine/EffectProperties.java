package org.hetsched.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hetsched.core.fixtures.LowestIdPolicy;
import org.hetsched.core.fixtures.PerDispatchOverhead;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;

/** The effect hook's contract on random prefill graphs, every plan, with and without graph preparation. */
class EffectProperties {

    record Case(TaskGraph graph, long syncNs, long seed, boolean prepare, long[] overheadNs) {
        CostTable costs() {
            return CostTable.build(graph, TestPlatforms.phone(), new SimpleCostModel(syncNs));
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<TaskGraph> graph = Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 64),
                Arbitraries.integers().between(1, 400), Arbitraries.of(TestPlans.all())).as((layers, chunk, prompt, plan) ->
                PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(layers), plan, prompt, chunk,
                        plan.shadow() == null ? Set.of() : Set.of(0))));
        Arbitrary<long[]> overhead = Arbitraries.longs().between(0, 500_000).array(long[].class).ofSize(3);
        return Combinators.combine(graph, Arbitraries.longs().between(0, 200_000), Arbitraries.longs().between(-1, 1000),
                Arbitraries.of(true, false), overhead).as(Case::new);
    }

    /** Registered effects that change nothing leave the trace exactly as with no hook. */
    @Property(tries = 150)
    void effectsThatChangeNothingLeaveTheTraceAsWithout(@ForAll("cases") Case c) {
        CostTable costs = c.costs();
        EngineOptions off = new EngineOptions(c.prepare(), false);
        Trace without = new Engine(costs, off).run(new LowestIdPolicy(c.seed()));
        Trace with = new Engine(costs, off.withEffects(List.of(new TestEffects.Silent(), new PerDispatchOverhead(0, 0, 0))))
                .run(new LowestIdPolicy(c.seed()));
        assertEquals(without.rows(), with.rows());
        assertEquals(without.decisions(), with.decisions());
        assertEquals(List.of(), with.totals());
    }

    /** A per-processor overhead through the hook gives the run of the same overhead inside the costs. */
    @Property(tries = 150)
    void anOverheadThroughTheHookEqualsTheOverheadInTheCosts(@ForAll("cases") Case c) {
        PerDispatchOverhead overhead = new PerDispatchOverhead(c.overheadNs());
        CostTable inCosts = CostTable.build(c.graph(), TestPlatforms.phone(), overhead.inCosts(new SimpleCostModel(c.syncNs())));
        Trace old = new Engine(inCosts, new EngineOptions(c.prepare(), false)).run(new LowestIdPolicy(c.seed()));
        Trace hooked = new Engine(c.costs(), new EngineOptions(c.prepare(), false, List.of(overhead))).run(new LowestIdPolicy(c.seed()));
        assertEquals(old.rows(), hooked.rows());
        for (int t = 0; t < c.graph().size(); t++) {
            for (int p = 0; p < 3; p++) assertEquals(inCosts.durationNs(t, p), hooked.costs().durationNs(t, p));
        }
    }
}
