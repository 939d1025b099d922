package org.hetsched.backend.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.GenericGraphBuilder;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.model.NormKind;
import org.hetsched.core.platform.ProcessorKind;
import org.hetsched.profiles.load.PlanCatalog;
import org.junit.jupiter.api.Test;

class GraphModelsTest {
    private static TaskGraph graph(ModelSpec m, String plan, int prompt, int chunk) {
        return PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(m, PlanCatalog.builtIn().get(plan), prompt, chunk));
    }

    @Test
    void aPrefillGraphKeepsTheModelItWasBuiltFor() {
        ModelSpec m = new ModelSpec("custom", 3, 96, 6, 3, 16, 200, FfnKind.GATED_GELU, NormKind.RMS_NORM, false, 700, 4096, 40, 1e-5,
                500_000);
        assertEquals(m, GraphModels.of(graph(m, "llm.npu", 100, 16)));
        ModelSpec phi = new ModelSpec("phi-like", 2, 64, 4, 4, 16, 256, FfnKind.PLAIN_GELU, NormKind.LAYER_NORM, true, 300, 4096, 0,
                1e-5, 10_000);
        assertEquals(NormKind.LAYER_NORM, GraphModels.of(graph(phi, "cpu-only", 32, 16)).normKind(), "the norm kind is the model's");
    }

    @Test
    void aGraphNotBuiltFromAPlanHasNoModel() {
        TaskGraph generic = new GenericGraphBuilder("dag").addTask("a", List.of(new Placement(ProcessorKind.CPU, DType.FP32, DType.FP32)))
                .build();
        UserInputException e = assertThrows(UserInputException.class, () -> GraphModels.of(generic));
        assertTrue(e.getMessage().contains("give the host backend the model"), e.getMessage());
    }
}
