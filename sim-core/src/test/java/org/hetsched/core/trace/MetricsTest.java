package org.hetsched.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.engine.EffectView;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.fixtures.LowestIdPolicy;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostModel;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;
import org.junit.jupiter.api.Test;

class MetricsTest {
    /** SimpleCostModel's costs, with a graph preparation of {@code preparationNs} on every NPU static graph. */
    private static CostModel preparing(long preparationNs) {
        SimpleCostModel base = new SimpleCostModel(1_000);
        return new CostModel() {
            public String name() {
                return "preparing";
            }

            public String description() {
                return "simple costs, huge preparation";
            }

            public TaskCost cost(Task task, Processor processor) {
                return base.cost(task, processor);
            }

            public long syncNs(Processor from, Processor to) {
                return base.syncNs(from, to);
            }

            public long graphPreparationNs(Task task, Processor processor) {
                return base.graphPreparationNs(task, processor) == 0 ? 0 : preparationNs;
            }
        };
    }

    /** Each preparation fits a long and the run (prepared ahead) is short, but their total does not. */
    @Test
    void aPreparationTotalBeyondALongIsRefusedNotWrapped() {
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2), TestPlans.llmNpu(), 64, 16, Set.of()));
        Trace fits = new Engine(CostTable.build(graph, TestPlatforms.phone(), preparing(1_000_000))).run(new LowestIdPolicy());
        assertEquals(3_000_000, Metrics.of(fits, 0).graphPreparationNs());
        Trace huge = new Engine(CostTable.build(graph, TestPlatforms.phone(), preparing(Long.MAX_VALUE / 2))).run(new LowestIdPolicy());
        TimeOverflowException e = assertThrows(TimeOverflowException.class, () -> Metrics.of(huge, 0));
        assertTrue(e.getMessage().contains("graph preparation") && e.getMessage().contains("9223372036854775807 ns"), e.getMessage());
    }

    /** An effect that reports a setup of {@code setupNs}. */
    private static Effect setup(double setupNs) {
        return new Effect() {
            @Override
            public String name() {
                return "test-setup";
            }

            @Override
            public String description() {
                return "reports a setup";
            }

            @Override
            public Listener begin(CostTable costs) {
                return new Listener() {
                    @Override
                    public List<RunTotal> totals(EffectView run) {
                        return List.of(new RunTotal(RunTotal.SETUP_NS, setupNs));
                    }
                };
            }
        };
    }

    @Test
    void aReportedSetupJoinsThePrefillTimeAndTokensPerSecondButNotTheMakespanOrBusyTimes() {
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2), TestPlans.llmNpu(), 64, 16, Set.of()));
        CostTable costs = CostTable.build(graph, TestPlatforms.phone(), new SimpleCostModel(1_000));
        Metrics plain = Metrics.of(new Engine(costs).run(new LowestIdPolicy()), 0);
        Metrics with = Metrics.of(new Engine(costs, new EngineOptions(false, false, List.of(setup(2_000_000_000.0))))
                .run(new LowestIdPolicy()), 0);
        assertEquals(0, plain.setupNs());
        assertEquals(plain.makespanNs(), plain.prefillNs());
        assertEquals(2_000_000_000L, with.setupNs());
        assertEquals(plain.makespanNs(), with.makespanNs());
        assertEquals(plain.makespanNs() + 2_000_000_000L, with.prefillNs());
        // 64 prompt tokens over (makespan + 2 s)
        assertEquals(64 / (plain.makespanNs() / 1e9 + 2), with.tokensPerSecond(), 1e-9);
        assertEquals(plain.processors(), with.processors());
        assertEquals(plain.bubbleRate(), with.bubbleRate());
    }

    @Test
    void aSetupThatPassesTheClockWithTheMakespanIsRefused() {
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2), TestPlans.llmNpu(), 64, 16, Set.of()));
        CostTable costs = CostTable.build(graph, TestPlatforms.phone(), new SimpleCostModel(1_000));
        Trace trace = new Engine(costs, new EngineOptions(false, false, List.of(setup(0x1p63 - 1024)))).run(new LowestIdPolicy());
        TimeOverflowException e = assertThrows(TimeOverflowException.class, () -> Metrics.of(trace, 0));
        assertTrue(e.getMessage().contains("setup"), e.getMessage());
    }
}
