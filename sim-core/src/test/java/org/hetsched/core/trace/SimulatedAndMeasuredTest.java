package org.hetsched.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.fixtures.LowestIdPolicy;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.junit.jupiter.api.Test;

class SimulatedAndMeasuredTest {
    private static CostTable costs(int prompt) {
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2), TestPlans.llmNpu(), prompt, 16, Set.of()));
        return CostTable.build(graph, TestPlatforms.phone(), new SimpleCostModel(1_000));
    }

    /** {@code trace} with every time scaled by {@code factor}: a stand-in for a measured replay. */
    private static Trace scaled(Trace trace, double factor) {
        int n = trace.graph().size();
        int[] processor = new int[n];
        long[] start = new long[n];
        long[] end = new long[n];
        for (int t = 0; t < n; t++) {
            processor[t] = trace.processorOf(t);
            start[t] = Math.round(trace.startNs(t) * factor);
            end[t] = Math.round(trace.endNs(t) * factor);
        }
        return new Trace(trace.costs(), trace.policy(), processor, start, end);
    }

    @Test
    void medianRunIsTheMiddleMakespanAndTheLowerMiddleForAnEvenCount() {
        Trace sim = new Engine(costs(32)).run(new LowestIdPolicy());
        assertEquals(0, new SimulatedAndMeasured("tiny", sim, List.of(scaled(sim, 1.2))).medianRun());
        assertEquals(2, new SimulatedAndMeasured("tiny", sim, List.of(scaled(sim, 1.3), scaled(sim, 0.9), scaled(sim, 1.1)))
                .medianRun());
        assertEquals(1, new SimulatedAndMeasured("tiny", sim, List.of(scaled(sim, 1.3), scaled(sim, 0.9))).medianRun());
        assertEquals(0, new SimulatedAndMeasured("tiny", sim, List.of(scaled(sim, 1.1), scaled(sim, 1.1))).medianRun(),
                "equal makespans: the earliest run");
    }

    @Test
    void policyIsTheSimulatedTracesAndMeasuredRunsAreCopied() {
        Trace sim = new Engine(costs(32)).run(new LowestIdPolicy());
        List<Trace> runs = new ArrayList<>(List.of(scaled(sim, 1.1)));
        SimulatedAndMeasured pair = new SimulatedAndMeasured("tiny", sim, runs);
        runs.clear();
        assertEquals(1, pair.measured().size());
        assertEquals(sim.policy(), pair.policy());
    }

    @Test
    void rejectsNoRunsABlankModelAndAnotherGraph() {
        Trace sim = new Engine(costs(32)).run(new LowestIdPolicy());
        Trace other = new Engine(costs(48)).run(new LowestIdPolicy());
        assertThrows(IllegalArgumentException.class, () -> new SimulatedAndMeasured("tiny", sim, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedAndMeasured(" ", sim, List.of(sim)));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedAndMeasured("tiny", sim, List.of(other)));
    }
}
