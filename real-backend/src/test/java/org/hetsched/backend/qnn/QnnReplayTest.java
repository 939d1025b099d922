package org.hetsched.backend.qnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.artefacts.onnx.SubgraphModels;
import org.hetsched.backend.replay.ReplayResult;
import org.hetsched.backend.replay.Replayer;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.ProfilingEvent;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.scheduler.plan.HeftPlanner;
import org.hetsched.scheduler.plan.SchedulePlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A HEFT plan replayed with the QNN HTP lane next to the host float lane. Needs the native host
 * library (tag "native") and the onnxruntime-qnn package ({@link QnnTestRuntime}).
 */
@Tag("native")
class QnnReplayTest {
    /** Tiny model, llm.npu partition, 2 chunks of 16 tokens: 3 distinct NPU op lists (qkv0, ffn with and without next Q/K/V). */
    private static final TaskGraph GRAPH =
            PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(), 32, 16));
    private static QnnBackend backend;
    private static ReplayResult result;

    /** Replays once for all tests; each test calls it first, so each is skipped (with the message) without QNN. */
    private static synchronized ReplayResult replayed() {
        QnnRuntime runtime = QnnTestRuntime.get();
        if (result == null) {
            backend = new QnnBackend(runtime, 256L << 20, 7);
            backend.prepare(GRAPH);
            SchedulePlan plan = new HeftPlanner().plan(CostTable.build(GRAPH, backend.platform(), new SimpleCostModel(1_000)));
            result = new Replayer(backend).replay(GRAPH, plan, "heft");
        }
        return result;
    }

    @AfterAll
    static void close() {
        if (backend != null) backend.close();
    }

    @Test
    void theReplayIsAValidTraceWithNpuTasksOnTheQnnLane() {
        ReplayResult result = replayed();
        assertEquals(List.of(), TraceValidator.violations(result.trace()));
        long npuTasks = GRAPH.tasks().stream().filter(t -> result.trace().processorOf(t.id()) == QnnBackend.NPU).count();
        assertEquals(6, npuTasks, "qkv0 of 2 chunks and ffn of 2 layers x 2 chunks");
        assertEquals(3, backend.sessions().size(), "one HTP session per distinct op list");
    }

    @Test
    void npuOpTimesSplitEachRunAndCarryTheOpLabels() {
        ReplayResult result = replayed();
        for (ProfilingEvent task : result.events().children()) {
            Task t = GRAPH.tasks().stream().filter(x -> x.label().equals(task.label())).findFirst().orElseThrow();
            assertEquals(t.ops().stream().map(o -> o.label()).toList(), task.children().stream().map(ProfilingEvent::label).toList());
            if (result.trace().processorOf(t.id()) != QnnBackend.NPU) continue;
            long sum = task.children().stream().mapToLong(ProfilingEvent::value).sum();
            assertTrue(sum > 0 && sum <= task.value(), t.label() + ": ops " + sum + " ns within the task's " + task.value() + " ns");
            assertTrue(task.children().stream().anyMatch(e -> e.label().equals("q_proj") && e.value() > 0) || !t.subgraph().name().equals("qkv0"));
        }
    }

    @Test
    void qnnEventsHoldEveryNpuTasksNodesNamedAfterItsOps() {
        replayed();
        ProfilingEvent qnn = backend.qnnEvents();
        assertEquals(ProfilingEvent.Type.EXECUTE, qnn.type());
        assertEquals(6, qnn.children().size());
        for (ProfilingEvent task : qnn.children()) {
            Task t = GRAPH.tasks().stream().filter(x -> x.label().equals(task.label())).findFirst().orElseThrow();
            int named = 0;
            for (ProfilingEvent node : task.children()) {
                assertEquals(ProfilingEvent.Type.NODE, node.type());
                assertEquals(ProfilingEvent.Unit.CYCLES, node.unit());
                int i = SubgraphModels.opIndex(node.label());
                if (i < 0) continue;
                assertTrue(node.label().startsWith("op" + i + "." + t.ops().get(i).label() + "."), node.label());
                named++;
            }
            assertTrue(named >= t.ops().size(), t.label() + ": " + named + " nodes for " + t.ops().size() + " ops");
        }
    }

    @Test
    void cpuTasksOnTheNpuLaneAreRefusedWithTheReason() {
        replayed();
        int embed = 0;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.execute(embed, QnnBackend.NPU));
        assertTrue(e.getMessage().contains("cannot run on lane npu"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> backend.execute(GRAPH.size(), QnnBackend.CPU));
        assertThrows(IllegalArgumentException.class, () -> backend.execute(0, 2));
    }
}
