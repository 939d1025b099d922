package org.hetsched.backend.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("native")
class HostBackendTest {
    private final TaskGraph graph =
            PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(), 32, 16));

    @Test
    void rejectsAnOverBudgetGraphBeforeAllocating() {
        try (HostBackend backend = new HostBackend(4096, 1)) {
            MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, () -> backend.prepare(graph));
            assertTrue(e.neededBytes() > 4096);
            assertTrue(e.getMessage().contains("budget"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> backend.execute(0, HostBackend.CPU), "nothing prepared");
        }
    }

    @Test
    void executeReturnsOneDurationPerOpAndRefusesAWrongLane() {
        try (HostBackend backend = new HostBackend(64L << 20, 1)) {
            backend.prepare(graph);
            int embed = 0; // the prologue's embedding runs on the CPU only
            assertEquals(graph.task(embed).ops().size(), backend.execute(embed, HostBackend.CPU).length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.execute(embed, HostBackend.NPU));
            assertTrue(e.getMessage().contains("no placement on NPU"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> backend.execute(graph.size(), HostBackend.CPU));
            backend.close();
            assertThrows(IllegalStateException.class, () -> backend.execute(embed, HostBackend.CPU));
        }
    }
}
