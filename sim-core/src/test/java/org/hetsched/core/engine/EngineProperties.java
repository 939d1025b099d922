package org.hetsched.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.fixtures.LowestIdPolicy;
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

class EngineProperties {

    record Case(CostTable costs, long seed, boolean prepare) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> layers = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> chunk = Arbitraries.integers().between(1, 64);
        Arbitrary<Integer> prompt = Arbitraries.integers().between(1, 600);
        Arbitrary<PartitionPlan> plan = Arbitraries.of(TestPlans.all());
        Arbitrary<Long> sync = Arbitraries.longs().between(0, 200_000);
        Arbitrary<Long> seed = Arbitraries.longs().between(-1, 1000);
        Arbitrary<Boolean> prepare = Arbitraries.of(true, false);
        return Combinators.combine(layers, chunk, prompt, plan, sync, seed, prepare).as((l, c, p, pl, s, sd, prep) -> {
            PrefillConfig config = new PrefillConfig(TestModels.tiny(l), pl, p, c,
                    pl.shadow() == null ? Set.of() : Set.of(0));
            return new Case(CostTable.build(PrefillGraphBuilder.build(config), TestPlatforms.phone(),
                    new SimpleCostModel(s)), sd, prep);
        });
    }

    /** No overlap on a processor, precedence plus sync, eligibility, durations: one validator checks all. */
    @Property(tries = 150)
    void everyScheduleIsValid(@ForAll("cases") Case c) {
        Trace trace = new Engine(c.costs(), new EngineOptions(c.prepare(), c.seed() % 2 == 0)).run(new LowestIdPolicy(c.seed()));
        assertEquals(java.util.List.of(), TraceValidator.violations(trace));
    }

    @Property(tries = 100)
    void sameInputsGiveTheSameTrace(@ForAll("cases") Case c) {
        Engine engine = new Engine(c.costs(), new EngineOptions(c.prepare(), c.seed() % 2 == 0));
        Policy policy = new LowestIdPolicy(c.seed());
        Trace first = engine.run(policy);
        Trace second = engine.run(policy);
        Trace third = new Engine(c.costs(), new EngineOptions(c.prepare(), c.seed() % 2 == 0)).run(new LowestIdPolicy(c.seed()));
        assertEquals(first.rows(), second.rows());
        assertEquals(first.rows(), third.rows());
    }

    @Property(tries = 100)
    void everyTaskRunsOnceOnAnEligibleProcessor(@ForAll("cases") Case c) {
        Trace trace = new Engine(c.costs()).run(new LowestIdPolicy(c.seed()));
        for (int t = 0; t < trace.graph().size(); t++) {
            assertTrue(c.costs().eligible(t, trace.processorOf(t)));
            assertEquals(c.costs().durationNs(t, trace.processorOf(t)), trace.endNs(t) - trace.startNs(t));
        }
    }

    @Property(tries = 50)
    void validatorCatchesAShiftedTask(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 10_000) int pick) {
        Trace trace = new Engine(c.costs()).run(new LowestIdPolicy());
        int n = trace.graph().size();
        int victim = n == 1 ? 0 : 1 + pick % (n - 1); // task 0 has no predecessor
        Assume.that(trace.graph().predecessors(victim).length > 0); // a task without predecessors cannot start too early
        int[] procs = new int[n];
        long[] start = new long[n];
        long[] end = new long[n];
        for (int t = 0; t < n; t++) {
            procs[t] = trace.processorOf(t);
            start[t] = trace.startNs(t);
            end[t] = trace.endNs(t);
        }
        int pred = trace.graph().predecessors(victim)[0];
        long shift = start[victim] - trace.startNs(pred); // start together with a predecessor
        start[victim] -= shift;
        end[victim] -= shift;
        Trace broken = new Trace(c.costs(), "broken", procs, start, end);
        assertTrue(!TraceValidator.violations(broken).isEmpty());
    }

    /** Near the top of a long the engine refuses; whatever it does return is a valid, unwrapped schedule. */
    @Property(tries = 60)
    void hugeTimesAreRefusedNeverWrapped(@ForAll @IntRange(min = 1, max = 3) int layers,
                                         @ForAll @IntRange(min = 1, max = 300) int prompt,
                                         @ForAll @IntRange(min = 1, max = 64) int chunk,
                                         @ForAll @IntRange(min = 1, max = 1000) int shiftFromTop,
                                         @ForAll boolean prepare) {
        long sync = Long.MAX_VALUE / shiftFromTop;
        PrefillConfig config = new PrefillConfig(TestModels.tiny(layers), TestPlans.llmNpu(), prompt, chunk, Set.of(0));
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(config), TestPlatforms.phone(), new SimpleCostModel(sync));
        Trace trace;
        try {
            trace = new Engine(costs, new EngineOptions(prepare, false)).run(new LowestIdPolicy());
        } catch (TimeOverflowException refused) {
            assertTrue(refused.getMessage().contains(Long.toString(Long.MAX_VALUE)), refused.getMessage());
            return;
        }
        for (int t = 0; t < trace.graph().size(); t++) {
            assertTrue(trace.startNs(t) >= 0 && trace.endNs(t) >= trace.startNs(t), "task " + t + " wrapped");
            for (int u : trace.graph().predecessors(t)) {
                // exact: both are >= 0, so the difference cannot wrap even where end + sync would
                long gapNs = trace.startNs(t) - trace.endNs(u);
                assertTrue(gapNs >= costs.syncNs(trace.processorOf(u), trace.processorOf(t)),
                        "task " + t + " starts " + gapNs + " ns after predecessor " + u + " on another processor");
            }
        }
        assertEquals(java.util.List.of(), TraceValidator.violations(trace));
    }
}
