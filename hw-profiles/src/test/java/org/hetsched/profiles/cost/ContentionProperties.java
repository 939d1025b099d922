package org.hetsched.profiles.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.fixtures.LowestIdPolicy;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.profiles.format.ContentionSlowdown;
import org.hetsched.profiles.load.PlanCatalog;

/**
 * The contention effect on random prefills of every built-in plan, priced by the test device, with
 * random slowdowns (per processor pair, some narrowed to roles) and random schedules. The check is
 * independent of the effect's incremental bookkeeping: over each task's interval in the trace,
 * split wherever another task starts or ends, the work done at the model's rate
 * {@code 1 / (1 + Σ s)} adds up to the task's priced duration.
 */
class ContentionProperties {
    private static final List<String> PLANS = PlanCatalog.builtIn().names();
    private static final int PROCESSORS = 3;

    record Case(CostTable costs, long slowdownSeed, long policySeed) {
        @Override
        public String toString() {
            return costs.graph().name() + " (" + costs.graph().size() + " tasks), slowdowns " + slowdownSeed + ", policy " + policySeed;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> layers = Arbitraries.integers().between(1, 3);
        Arbitrary<String> plan = Arbitraries.of(PLANS);
        Arbitrary<Integer> chunk = Arbitraries.integers().between(1, 64);
        Arbitrary<Integer> prompt = Arbitraries.integers().between(1, 200);
        return Combinators.combine(layers, plan, chunk, prompt, Arbitraries.longs(), Arbitraries.longs().between(-1, 1000))
                .as((l, planName, c, p, slowdownSeed, policySeed) -> {
                    PartitionPlan pp = PlanCatalog.builtIn().get(planName);
                    PrefillConfig config = new PrefillConfig(TestModels.tiny(l), pp, p, c,
                            pp.shadow() == null ? Set.of() : Set.of(0));
                    ProfileCostModel model = new ProfileCostModel(ContentionTest.contended());
                    return new Case(CostTable.build(PrefillGraphBuilder.build(config), model.platform(), model), slowdownSeed, policySeed);
                });
    }

    /** Per ordered pair of processors, a general entry and up to two narrowed to roles, from {@code seed}; all 0 when {@code zero}. */
    static List<ContentionSlowdown> randomEntries(long seed, boolean zero) {
        Random random = new Random(seed);
        SubgraphRole[] roles = {SubgraphRole.PROLOGUE, SubgraphRole.ATTENTION, SubgraphRole.LINEAR, SubgraphRole.SHADOW, SubgraphRole.EPILOGUE};
        List<ContentionSlowdown> entries = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        for (int v = 0; v < PROCESSORS; v++) {
            for (int a = 0; a < PROCESSORS; a++) {
                if (v == a) continue;
                for (int k = 0; k < 3; k++) {
                    SubgraphRole vr = k == 0 || random.nextBoolean() ? null : roles[random.nextInt(roles.length)];
                    SubgraphRole ar = k == 0 || random.nextBoolean() ? null : roles[random.nextInt(roles.length)];
                    if (!keys.add(v + "/" + a + "/" + vr + "/" + ar)) continue;
                    double s = zero ? 0 : random.nextInt(4) == 0 ? 0 : random.nextDouble() * 2;
                    entries.add(ContentionTest.entry(v, a, vr, ar, s));
                }
            }
        }
        return entries;
    }

    @Property(tries = 200)
    void eachTasksWorkAtTheModelsRateAddsUpToItsDuration(@ForAll("cases") Case c) {
        Contention contention = new Contention(ContentionTest.with(randomEntries(c.slowdownSeed(), false)));
        CostTable costs = c.costs();
        Trace trace = new Engine(costs, EngineOptions.DEFAULTS.withEffects(List.of(contention))).run(new LowestIdPolicy(c.policySeed()));
        assertEquals(List.of(), TraceValidator.violations(trace), c.toString());
        int n = costs.graph().size();
        for (int t = 0; t < n; t++) {
            int v = trace.processorOf(t);
            long priced = costs.durationNs(t, v);
            assertTrue(trace.endNs(t) - trace.startNs(t) >= priced, "task " + t + " ran shorter than priced");
            double work = work(trace, contention, t);
            assertTrue(Math.abs(work - priced) <= 0.5 + 1e-9 * priced,
                    "task " + costs.graph().task(t).label() + " on " + costs.platform().processor(v).name() + " did " + work
                            + " ns of work in [" + trace.startNs(t) + ", " + trace.endNs(t) + "), priced " + priced + " ns; " + c);
        }
    }

    @Property(tries = 100)
    void zeroSlowdownsLeaveTheTraceAsWithout(@ForAll("cases") Case c) {
        Contention zero = new Contention(ContentionTest.with(randomEntries(c.slowdownSeed(), true)));
        Trace without = new Engine(c.costs()).run(new LowestIdPolicy(c.policySeed()));
        Trace with = new Engine(c.costs(), EngineOptions.DEFAULTS.withEffects(List.of(zero))).run(new LowestIdPolicy(c.policySeed()));
        assertEquals(without.rows(), with.rows());
    }

    /** The work task {@code t} did over its interval, at the model's rate for the tasks the trace shows beside it. */
    private static double work(Trace trace, Contention contention, int t) {
        int n = trace.graph().size();
        int v = trace.processorOf(t);
        SubgraphRole role = trace.graph().task(t).subgraph().role();
        long start = trace.startNs(t);
        long end = trace.endNs(t);
        TreeSet<Long> cuts = new TreeSet<>(List.of(start, end));
        for (int u = 0; u < n; u++) {
            if (trace.processorOf(u) == v) continue;
            if (trace.startNs(u) > start && trace.startNs(u) < end) cuts.add(trace.startNs(u));
            if (trace.endNs(u) > start && trace.endNs(u) < end) cuts.add(trace.endNs(u));
        }
        double work = 0;
        Long from = null;
        for (long to : cuts) {
            if (from != null) {
                double sum = 0;
                for (int u = 0; u < n; u++) {
                    int a = trace.processorOf(u);
                    if (a == v || trace.startNs(u) > from || trace.endNs(u) <= from) continue;
                    sum += contention.slowdown(v, role, a, trace.graph().task(u).subgraph().role());
                }
                work += (to - from) / (1 + sum);
            }
            from = to;
        }
        return work;
    }
}
