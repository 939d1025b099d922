package org.hetsched.profiles.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.ProcessorKind;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.ProfileCatalog;
import org.junit.jupiter.api.Test;

class DispatchOverheadTest {
    private static final DeviceProfile SD8GEN3 = ProfileCatalog.builtIn().get("sd8gen3");

    @Test
    void everyTaskRunsItsCostPlusItsProcessorsOverheadOnce() {
        DispatchOverhead dispatch = new DispatchOverhead(SD8GEN3);
        assertSame(dispatch, dispatch.durations());
        assertTrue(dispatch.overheadNs(0) > 0, "sd8gen3's NPU has a dispatch overhead");
        PrefillConfig config = PrefillConfig.withDefaultShadowLayers(ProfileCostModelTest.SMALL, PlanCatalog.builtIn().get("llm.npu"), 100, 32);
        ProfileCostModel model = new ProfileCostModel(SD8GEN3);
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(config), model.platform(), model);
        Trace trace = new Engine(costs, EngineOptions.DEFAULTS.withEffects(List.of(dispatch))).run(new LowestIdFirstPolicy());
        for (int t = 0; t < costs.graph().size(); t++) {
            int p = trace.processorOf(t);
            assertEquals(costs.durationNs(t, p) + dispatch.overheadNs(p), trace.endNs(t) - trace.startNs(t), costs.graph().task(t).label());
        }
    }

    @Test
    void aProcessorOfAnotherDeviceIsRefused() {
        Processor stranger = new Processor(7, "dsp", ProcessorKind.NPU, java.util.Set.of(org.hetsched.core.graph.DType.INT8));
        assertThrows(IllegalArgumentException.class, () -> new DispatchOverhead(SD8GEN3).adjustedNs(null, stranger, 5));
    }
}
