package org.hetsched.scheduler.online;

import org.hetsched.scheduler.plan.Ranks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.fixtures.TableCostModel;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.GenericGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.junit.jupiter.api.Test;

class CriticalPathPolicyTest extends PolicyContractTest {

    @Override
    protected Policy newPolicy() {
        return new CriticalPathPolicy();
    }

    /**
     * A diamond on npu (0), cpu (1), gpu (2), sync 0, durations per processor (-1 = not eligible):
     * A [10, 20, -] w̄ 15; B [30, -, -] w̄ 30; C [-, 40, 60] w̄ 50; D [8, 12, 16] w̄ 12.
     * Transfers A→B 6, A→C 4, B→D 9, C→D 0, paid only across processors. As in HEFT, c̄ averages
     * over the links between distinct processors the two ends may use: c̄(A,B) = 6 over (1,0);
     * c̄(A,C) = 4 over (0,1), (0,2), (1,2); c̄(B,D) = 9 over (0,1), (0,2); c̄(C,D) = 0.
     * rank D = 12; B = 30 + 9 + 12 = 51; C = 50 + 0 + 12 = 62; A = 15 + max(6 + 51, 4 + 62) = 81.
     */
    @Test
    void ranksATinyGenericGraphAsComputedByHand() {
        CostTable costs = diamond();
        assertArrayEquals(new double[] {81, 51, 62, 12}, Ranks.upwardNs(costs), 0);
    }

    /**
     * A chain A→C→D beside A→B, all on the npu alone. Ranks: D 25, C 10 + 25 = 35, B 30, A 5 + 35 = 40.
     * After A, C (35) goes before B (30) though B has the lower id; after C, B (30) before D (25).
     */
    @Test
    void runsTheHighestRankFirst() {
        CostTable costs = CostTable.build(new GenericGraphBuilder("two")
                .addTask("A", List.of(TestPlans.NPU)).addTask("B", List.of(TestPlans.NPU)).addTask("C", List.of(TestPlans.NPU))
                .addTask("D", List.of(TestPlans.NPU)).addEdge("A", "B").addEdge("A", "C").addEdge("C", "D").build(),
                TestPlatforms.phone(), new TableCostModel(Map.of("A", new long[] {5}, "B", new long[] {30},
                        "C", new long[] {10}, "D", new long[] {25})));
        assertArrayEquals(new double[] {40, 30, 35, 25}, Ranks.upwardNs(costs), 0);
        Trace trace = new Engine(costs).run(new CriticalPathPolicy());
        assertEquals(5, trace.startNs(2));
        assertEquals(15, trace.startNs(1));
        assertEquals(45, trace.startNs(3));
    }

    /** On each processor, no task started while a higher-ranked task (or an equal one with a lower id) was ready there. */
    @Test
    void neverPassesOverAHigherRankedReadyTask() {
        for (CostTable costs : fixtures()) {
            double[] rank = Ranks.upwardNs(costs);
            Trace trace = new Engine(costs).run(newPolicy());
            int n = trace.graph().size();
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (trace.processorOf(a) != trace.processorOf(b) || trace.startNs(a) >= trace.startNs(b)) continue;
                    if (readyAtNs(trace, b) <= trace.startNs(a)) {
                        assertTrue(rank[a] > rank[b] || (rank[a] == rank[b] && a < b), costs.graph().name() + ": task " + a
                                + " (rank " + rank[a] + ") started before ready task " + b + " (rank " + rank[b] + ")");
                    }
                }
            }
        }
    }

    private static CostTable diamond() {
        GenericGraphBuilder builder = new GenericGraphBuilder("diamond");
        for (String name : List.of("A", "B", "C", "D")) builder.addTask(name, List.of(TestPlans.CPU));
        builder.addEdge("A", "B").addEdge("A", "C").addEdge("B", "D").addEdge("C", "D");
        TableCostModel model = new TableCostModel(Map.of("A", new long[] {10, 20, -1}, "B", new long[] {30, -1, -1},
                "C", new long[] {-1, 40, 60}, "D", new long[] {8, 12, 16}))
                .transfer("A", "B", 6).transfer("A", "C", 4).transfer("B", "D", 9);
        return CostTable.build(builder.build(), TestPlatforms.phone(), model);
    }
}
