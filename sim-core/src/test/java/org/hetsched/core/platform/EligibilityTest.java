package org.hetsched.core.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.Subgraph;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.Task;
import org.junit.jupiter.api.Test;

class EligibilityTest {
    private static final Platform PHONE = TestPlatforms.phone();

    private static Task task(List<Op> ops, Placement... placements) {
        return new Task(0, 0, new Subgraph(0, "probe", SubgraphRole.GENERIC, -1, List.of(placements)), ops, 0, 0);
    }

    @Test
    void aTaskWithoutOpsRunsWhereverItHasAPlacement() {
        Task task = task(List.of(), TestPlans.CPU);
        assertTrue(Eligibility.eligible(task, PHONE.byName("cpu")));
        assertFalse(Eligibility.eligible(task, PHONE.byName("npu")));
        assertTrue(Eligibility.reason(task, PHONE.byName("npu")).contains("no placement on NPU"),
                Eligibility.reason(task, PHONE.byName("npu")));
    }

    @Test
    void everyOpsDtypeUnderThePlacementMustBeComputed() {
        // the NPU placement runs linears in INT8 and everything else in FP16; the GPU has no INT8
        Op linear = Op.probe(OpKind.LINEAR, 1, 8, 16, 16);
        Task onGpuInInt8 = task(List.of(linear), new Placement(ProcessorKind.GPU, DType.INT8, DType.FP16));
        String reason = Eligibility.reason(onGpuInInt8, PHONE.byName("gpu"));
        assertTrue(reason != null && reason.contains("needs INT8"), reason);
        assertNull(Eligibility.reason(task(List.of(linear), TestPlans.NPU), PHONE.byName("npu")));
    }
}
