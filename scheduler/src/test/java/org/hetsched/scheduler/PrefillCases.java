package org.hetsched.scheduler;

import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.CostModel;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;

/** Random small prefill graphs for properties: every test plan, with syncs and per-edge transfers. */
public final class PrefillCases {
    private PrefillCases() {
    }

    /** Tiny models of 1–3 layers, 1–12 chunks, any test plan, sync 0–100 µs, transfers 0–5 µs. */
    public static Arbitrary<CostTable> tables() {
        Arbitrary<Integer> layers = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> chunk = Arbitraries.integers().between(8, 64);
        Arbitrary<Integer> prompt = Arbitraries.integers().between(1, 400);
        Arbitrary<PartitionPlan> plan = Arbitraries.of(TestPlans.all());
        Arbitrary<Long> sync = Arbitraries.longs().between(0, 100_000);
        Arbitrary<Boolean> transfers = Arbitraries.of(false, true);
        return Combinators.combine(layers, chunk, prompt, plan, sync, transfers).as((l, c, p, pl, s, x) -> {
            int prompt1 = Math.min(p, c * 12);
            return CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(l), pl, prompt1, c,
                    pl.shadow() == null ? Set.of() : Set.of(0))), TestPlatforms.phone(), withTransfers(s, x));
        });
    }

    /** {@link SimpleCostModel} plus, if asked, a transfer on every explicit edge that varies with its ends. */
    public static CostModel withTransfers(long syncNs, boolean transfers) {
        return withTransfers(syncNs, transfers, 0, -1);
    }

    /**
     * {@link #withTransfers(long, boolean)} with, when {@code maxPreparationNs} ≥ 0, a graph
     * preparation drawn from {@code preparationSeed} per (static graph, processor): 0, ¼, ½, ¾ or all
     * of {@code maxPreparationNs}; when it is negative, {@link SimpleCostModel}'s.
     */
    public static CostModel withTransfers(long syncNs, boolean transfers, long preparationSeed, long maxPreparationNs) {
        SimpleCostModel base = new SimpleCostModel(syncNs);
        return new CostModel() {
            @Override
            public String name() {
                return "test-simple-transfers";
            }

            @Override
            public String description() {
                return "test costs with per-edge transfers";
            }

            @Override
            public TaskCost cost(Task task, Processor processor) {
                return base.cost(task, processor);
            }

            @Override
            public long syncNs(Processor from, Processor to) {
                return base.syncNs(from, to);
            }

            @Override
            public long transferNs(Task producer, Task consumer) {
                return transfers ? (producer.subgraph().index() * 7919L + consumer.subgraph().index() * 104_729L) % 5_000 : 0;
            }

            @Override
            public long graphPreparationNs(Task task, Processor processor) {
                if (maxPreparationNs < 0) return base.graphPreparationNs(task, processor);
                long h = (preparationSeed * 31 + task.staticGraph()) * 31 + processor.id();
                h ^= h >>> 17;
                h *= 0x9E3779B97F4A7C15L;
                return Math.floorMod(h >>> 11, 5) * (maxPreparationNs / 4);
            }
        };
    }
}
