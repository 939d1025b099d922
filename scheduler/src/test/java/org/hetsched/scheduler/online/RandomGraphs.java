package org.hetsched.scheduler.online;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TableCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.GenericGraphBuilder;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;

/** Random small instances for the online policies' properties. */
final class RandomGraphs {
    private RandomGraphs() {
    }

    /** Prefill graphs of 1–3 layers, up to about 40 chunks, any test plan, random shadow layers and sync. */
    static Arbitrary<CostTable> prefill() {
        Arbitrary<Integer> layers = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> chunk = Arbitraries.integers().between(4, 64);
        Arbitrary<Integer> prompt = Arbitraries.integers().between(1, 160);
        Arbitrary<PartitionPlan> plan = Arbitraries.of(TestPlans.all());
        Arbitrary<Long> sync = Arbitraries.longs().between(0, 100_000);
        Arbitrary<Integer> shadowBits = Arbitraries.integers().between(0, 7);
        return Combinators.combine(layers, chunk, prompt, plan, sync, shadowBits).as((l, c, p, pl, s, bits) -> {
            Set<Integer> shadow = new TreeSet<>();
            for (int layer = 0; layer < l && pl.shadow() != null; layer++) {
                if ((bits >> layer & 1) != 0) shadow.add(layer);
            }
            return CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(l), pl, p, c, shadow)),
                    TestPlatforms.phone(), new SimpleCostModel(s));
        });
    }

    /**
     * Generic DAGs of 1–12 tasks on the test phone: random edges, durations 1–100 ns where eligible
     * (every task somewhere), transfers 0–30 ns, drawn from a seed.
     */
    static Arbitrary<CostTable> generic() {
        return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.longs())
                .as(RandomGraphs::generic);
    }

    static CostTable generic(int tasks, long seed) {
        Random random = new Random(seed);
        int procs = TestPlatforms.phone().size();
        GenericGraphBuilder builder = new GenericGraphBuilder("random-" + tasks + "-" + seed);
        Map<String, long[]> durations = new HashMap<>();
        for (int t = 0; t < tasks; t++) {
            builder.addTask("t" + t, List.of(TestPlans.CPU));
            long[] row = new long[procs];
            int mask = 1 + random.nextInt((1 << procs) - 1);
            for (int p = 0; p < procs; p++) row[p] = (mask >> p & 1) != 0 ? 1 + random.nextInt(100) : -1;
            durations.put("t" + t, row);
        }
        TableCostModel model = new TableCostModel(durations);
        for (int to = 1; to < tasks; to++) {
            for (int from = 0; from < to; from++) {
                if (random.nextInt(3) == 0) {
                    builder.addEdge("t" + from, "t" + to);
                    model.transfer("t" + from, "t" + to, random.nextInt(31));
                }
            }
        }
        return CostTable.build(builder.build(), TestPlatforms.phone(), model);
    }
}
