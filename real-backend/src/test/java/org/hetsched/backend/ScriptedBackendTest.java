package org.hetsched.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.GenericGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.junit.jupiter.api.Test;

/** The test double keeps the contract on a three-lane phone (its GPU lane refuses every llm.npu task). */
class ScriptedBackendTest extends BackendContractTest {

    @Override
    protected Backend newBackend() {
        return new ScriptedBackend(TestPlatforms.phone(), 1_000);
    }

    @Test
    void aTaskWithNoOpsReturnsAnEmptyArray() {
        TaskGraph graph = new GenericGraphBuilder("two").addTask("a", List.of(TestPlans.CPU)).addTask("b", List.of(TestPlans.CPU))
                .addEdge("a", "b").build();
        try (ScriptedBackend backend = new ScriptedBackend(TestPlatforms.phone(), 1_000)) {
            backend.prepare(graph);
            assertArrayEquals(new long[0], backend.execute(1, 1));
            assertThrows(IllegalArgumentException.class, () -> backend.execute(1, 0), "no NPU placement");
        }
    }

    @Test
    void recordsEachExecutionAndScriptsEachOpsTime() {
        TaskGraph graph = prefill(32);
        try (ScriptedBackend backend = new ScriptedBackend(TestPlatforms.phone(), 10)) {
            backend.prepare(graph);
            long[] ns = backend.execute(0, 1);
            assertEquals(graph.task(0).ops().size(), ns.length);
            assertEquals(10L * ns.length, ns[ns.length - 1]);
            backend.execute(0, 1);
            assertEquals(List.of(new ScriptedBackend.Execution(0, 1), new ScriptedBackend.Execution(0, 1)), backend.executions());
        }
    }

    @Test
    void refusesANegativeTimePerOp() {
        assertThrows(IllegalArgumentException.class, () -> new ScriptedBackend(TestPlatforms.phone(), -1));
    }
}
