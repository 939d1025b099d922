package org.hetsched.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.fixtures.LowestIdPolicy;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.Trace;
import org.junit.jupiter.api.Test;

class EngineTest {
    private static final long SYNC_NS = 7_000;

    private static CostTable costs(int prompt, int chunk, org.hetsched.core.graph.PartitionPlan plan) {
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2), plan, prompt, chunk, Set.of()));
        return CostTable.build(graph, TestPlatforms.phone(), new SimpleCostModel(SYNC_NS));
    }

    @Test
    void oneProcessorRunsBackToBack() {
        CostTable costs = costs(100, 32, TestPlans.cpuOnly());
        Trace trace = new Engine(costs).run(new LowestIdPolicy());
        long sum = 0;
        for (int t = 0; t < costs.graph().size(); t++) sum += costs.durationNs(t, 1);
        assertEquals(sum, trace.makespanNs());
        Metrics m = Metrics.of(trace, 0);
        assertEquals(1.0, m.processors().get(1).utilization(), 1e-12);
        assertEquals(0.0, m.bubbleRate(), 1e-12);
        assertEquals(28, m.paddedTokens());
    }

    /** One chunk is a chain: the makespan is every duration plus one sync per processor change. */
    @Test
    void aSingleChunkChainPaysEveryCrossing() {
        CostTable costs = costs(16, 16, TestPlans.llmNpu());
        Trace trace = new Engine(costs).run(new LowestIdPolicy());
        long expected = 0;
        int previous = -1;
        for (int t = 0; t < costs.graph().size(); t++) {
            int p = costs.eligible(t, 0) ? 0 : 1; // NPU or CPU, one placement each
            expected += costs.durationNs(t, p) + (previous >= 0 && previous != p ? SYNC_NS : 0);
            previous = p;
            assertEquals(p, trace.processorOf(t));
        }
        assertEquals(expected, trace.makespanNs());
    }

    @Test
    void graphPreparationIsChargedOncePerStaticGraphWhenIncluded() {
        CostTable costs = costs(64, 16, TestPlans.llmNpu());
        Trace ahead = new Engine(costs).run(new LowestIdPolicy());
        Trace onDemand = new Engine(costs, new EngineOptions(true, false)).run(new LowestIdPolicy());
        long preparation = Metrics.of(ahead, 0).graphPreparationNs();
        // NPU static graphs: qkv0, ffn@L0, ffn@L1 (same shapes in every chunk), 1 ms each in the test model
        assertEquals(3_000_000, preparation);
        assertTrue(onDemand.makespanNs() >= ahead.makespanNs() + 1_000_000);
        assertEquals(preparation, Metrics.of(onDemand, 0).graphPreparationNs());
    }

    @Test
    void aPolicyThatNeverRunsAnythingIsReported() {
        CostTable costs = costs(16, 16, TestPlans.cpuOnly());
        Policy lazy = new Policy() {
            public String name() {
                return "lazy";
            }

            public String description() {
                return "never runs anything";
            }

            public void start(SchedulerView view) {
            }

            public void onReady(int task, int processor, SchedulerView view) {
            }

            public int select(int processor, SchedulerView view) {
                return IDLE;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Engine(costs).run(lazy));
        assertTrue(e.getMessage().contains("lazy") && e.getMessage().contains("unscheduled"), e.getMessage());
    }

    @Test
    void aPolicyThatPicksAnUnreadyTaskIsRejected() {
        CostTable costs = costs(16, 16, TestPlans.cpuOnly());
        Policy eager = new Policy() {
            public String name() {
                return "eager";
            }

            public String description() {
                return "picks the last task first";
            }

            public void start(SchedulerView view) {
            }

            public void onReady(int task, int processor, SchedulerView view) {
            }

            public int select(int processor, SchedulerView view) {
                return processor == 1 ? view.graph().size() - 1 : IDLE;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Engine(costs).run(eager));
        assertTrue(e.getMessage().contains("predecessor"), e.getMessage());
    }

    /** Two processor crossings of half a long each pass the top: refused, not wrapped to a small makespan. */
    @Test
    void refusesATimeBeyondALongInsteadOfWrapping() {
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2), TestPlans.llmNpu(), 16, 16, Set.of()));
        CostTable costs = CostTable.build(graph, TestPlatforms.phone(), new SimpleCostModel(Long.MAX_VALUE / 2));
        TimeOverflowException e = assertThrows(TimeOverflowException.class, () -> new Engine(costs).run(new LowestIdPolicy()));
        assertTrue(e.getMessage().contains("9223372036854775807 ns (about 292 years)"), e.getMessage());
        assertTrue(e.getMessage().contains("at task "), e.getMessage());
    }
}
