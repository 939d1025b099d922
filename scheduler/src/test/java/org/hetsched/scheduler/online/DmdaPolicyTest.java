package org.hetsched.scheduler.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TableCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.GenericGraphBuilder;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.junit.jupiter.api.Test;

class DmdaPolicyTest extends PolicyContractTest {
    private static final int NPU = 0;
    private static final int GPU = 2;

    @Override
    protected Policy newPolicy() {
        return new DmdaPolicy();
    }

    /**
     * Two independent tasks, each 10 ns on the npu and 15 ns on the gpu. A goes to the idle npu
     * (completion 10 against 15); for B the npu then holds A, so it would complete at 20: the gpu's
     * 15 wins.
     */
    @Test
    void picksTheGpuWhenTheNpuIsBusy() {
        Trace trace = new Engine(twoTasks(15)).run(new DmdaPolicy());
        assertEquals(NPU, trace.processorOf(0));
        assertEquals(GPU, trace.processorOf(1));
        assertEquals(0, trace.startNs(1));
        assertEquals(15, trace.makespanNs());
    }

    /**
     * A runs 100 ns on the npu; X (cpu, 10 ns) then releases B (npu 10 ns, gpu 30 ns) at 10. The
     * npu is expected free at 100 (A's start plus its duration), so B would complete at 110 there
     * and at 40 on the gpu.
     */
    @Test
    void picksTheGpuWhileTheNpuRunsALongTask() {
        CostTable costs = CostTable.build(new GenericGraphBuilder("busy").addTask("A", List.of(TestPlans.NPU))
                        .addTask("X", List.of(TestPlans.CPU)).addTask("B", List.of(TestPlans.NPU, TestPlans.GPU))
                        .addEdge("X", "B").build(), TestPlatforms.phone(),
                new TableCostModel(Map.of("A", new long[] {100, -1, -1}, "X", new long[] {-1, 10, -1},
                        "B", new long[] {10, -1, 30})));
        Trace trace = new Engine(costs).run(new DmdaPolicy());
        assertEquals(GPU, trace.processorOf(2));
        assertEquals(10, trace.startNs(2));
        assertEquals(100, trace.makespanNs());
    }

    /** With the gpu at 25 ns, waiting for the npu (done at 20) still completes B first. */
    @Test
    void waitsForTheNpuWhenThatStillFinishesFirst() {
        Trace trace = new Engine(twoTasks(25)).run(new DmdaPolicy());
        assertEquals(NPU, trace.processorOf(1));
        assertEquals(10, trace.startNs(1));
        assertEquals(20, trace.makespanNs());
    }

    /**
     * A (npu only, 10 ns) then B (npu 10 ns, gpu 5 ns). Without a transfer B completes first on
     * the gpu (10 + 5 = 15 against 20); with a 20 ns transfer on the edge its data reaches the gpu
     * at 30, so the npu (20) wins: the ready time carries the data-aware part.
     */
    @Test
    void countsTheTransferOfACrossingEdge() {
        assertEquals(GPU, new Engine(chain(0)).run(new DmdaPolicy()).processorOf(1));
        Trace trace = new Engine(chain(20)).run(new DmdaPolicy());
        assertEquals(NPU, trace.processorOf(1));
        assertEquals(20, trace.makespanNs());
    }

    /** On the multi-eligible plan, linear subgraphs run on both the npu and the gpu. */
    @Test
    void splitsLinearsBetweenNpuAndGpu() {
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2),
                TestPlans.npuOrGpu(), 150, 32, Set.of(1))), TestPlatforms.phone(), new SimpleCostModel(0));
        Trace trace = new Engine(costs).run(new DmdaPolicy());
        long onNpu = trace.rows().stream().filter(r -> r.processor() == NPU).count();
        long onGpu = trace.rows().stream().filter(r -> r.processor() == GPU).count();
        assertTrue(onNpu > 0 && onGpu > 0, "npu " + onNpu + ", gpu " + onGpu);
    }

    /** Where every task has one processor, dmda is first-ready first. */
    @Test
    void equalsFifoOnSingleEligiblePlans() {
        for (CostTable costs : fixtures()) {
            if (costs.graph().name().contains("npu-or-gpu")) continue;
            assertEquals(new Engine(costs).run(new FifoPolicy()).rows(), new Engine(costs).run(new DmdaPolicy()).rows(),
                    costs.graph().name());
        }
    }

    private static CostTable chain(long transferNs) {
        return CostTable.build(new GenericGraphBuilder("chain").addTask("A", List.of(TestPlans.NPU))
                        .addTask("B", List.of(TestPlans.NPU, TestPlans.GPU)).addEdge("A", "B").build(), TestPlatforms.phone(),
                new TableCostModel(Map.of("A", new long[] {10, -1, -1}, "B", new long[] {10, -1, 5}))
                        .transfer("A", "B", transferNs));
    }

    private static CostTable twoTasks(long gpuNs) {
        return CostTable.build(new GenericGraphBuilder("two").addTask("A", List.of(TestPlans.NPU, TestPlans.GPU))
                        .addTask("B", List.of(TestPlans.NPU, TestPlans.GPU)).build(), TestPlatforms.phone(),
                new TableCostModel(Map.of("A", new long[] {10, -1, gpuNs}, "B", new long[] {10, -1, gpuNs})));
    }
}
