package org.hetsched.backend.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Processor;
import org.hetsched.profiles.calibrate.Measurement;
import org.hetsched.profiles.load.PlanCatalog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("native")
class HostProfilerTest {
    @Test
    void measuresEachDistinctLaneAndShapeOfTheGraphOnceWithTheLanesDtype() {
        ModelSpec model = HostModels.tiny();
        TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(model, PlanCatalog.builtIn().get("llm.npu"), 32, 16));
        List<Measurement> measured = HostProfiler.measure(model, List.of(graph), new HostProfiler.Options(2, 1, 3, 64L << 20));
        Set<String> expected = new LinkedHashSet<>();
        for (Task t : graph.tasks()) {
            for (Processor lane : HostBackend.lanes().processors()) {
                if (Eligibility.reason(t, lane) != null) continue;
                for (Op op : t.ops()) {
                    expected.add(lane.id() + "/" + op.kind() + "/" + t.subgraph().placementOn(lane.kind()).dtypeOf(op.kind()) + "/"
                            + op.batch() + "x" + op.m() + "x" + op.k() + "x" + op.n());
                }
            }
        }
        Set<String> got = new LinkedHashSet<>();
        for (Measurement m : measured) {
            assertTrue(got.add(m.processor() + "/" + m.kind() + "/" + m.dtype() + "/" + m.batch() + "x" + m.m() + "x" + m.k() + "x" + m.n()),
                    "measured twice: " + m);
            assertEquals(2, m.runs());
            assertTrue(m.summary().medianNs() >= 0);
        }
        assertEquals(expected, got);
    }

    @Test
    void refusesATimingStateOverTheBudgetBeforeMeasuring() {
        ModelSpec model = HostModels.tiny();
        TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(model, PlanCatalog.builtIn().get("cpu-only"), 32, 16));
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class,
                () -> HostProfiler.measure(model, List.of(graph), new HostProfiler.Options(1, 0, 1, 10_000)));
        assertTrue(e.getMessage().contains("largest"), e.getMessage());
    }

    @Test
    void withoutAModelTheArchitectureComesFromTheGraph() {
        ModelSpec model = HostModels.get("host-tiny-window");
        TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(model, PlanCatalog.builtIn().get("npu-naive"), 48, 16));
        assertEquals(HostProfiler.measure(model, List.of(graph), new HostProfiler.Options(1, 0, 1, 64L << 20)).size(),
                HostProfiler.measure(List.of(graph), new HostProfiler.Options(1, 0, 1, 64L << 20)).size());
    }
}
