package org.hetsched.backend.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.model.NormKind;
import org.hetsched.profiles.load.PlanCatalog;
import org.junit.jupiter.api.Test;

class GraphModelsTest {
    private static TaskGraph graph(ModelSpec m, String plan, int prompt, int chunk) {
        return PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(m, PlanCatalog.builtIn().get(plan), prompt, chunk));
    }

    @Test
    void readsEveryComputedDimensionFromTheShapes() {
        ModelSpec m = new ModelSpec("custom", 3, 96, 6, 3, 16, 200, FfnKind.GATED_GELU, NormKind.RMS_NORM, false, 700, 4096, 40);
        ModelSpec inferred = GraphModels.infer(graph(m, "llm.npu", 100, 16));
        assertEquals(new ModelSpec("custom", 3, 96, 6, 3, 16, 200, FfnKind.GATED_GELU, NormKind.RMS_NORM, false, 700,
                inferred.maxContextTokens(), 40), inferred);
    }

    @Test
    void parallelAttentionShowsAsAMissingPostAttentionNorm() {
        ModelSpec m = new ModelSpec("phi-like", 2, 64, 4, 4, 16, 256, FfnKind.PLAIN_GELU, NormKind.LAYER_NORM, true, 300, 4096, 0);
        ModelSpec inferred = GraphModels.infer(graph(m, "cpu-only", 32, 16));
        assertEquals(true, inferred.parallelAttentionMlp());
        assertEquals(FfnKind.PLAIN_GELU, inferred.ffnKind());
        assertEquals(NormKind.RMS_NORM, inferred.normKind(), "the graph does not show the norm kind");
    }

    @Test
    void aKnownModelOfTheGraphsNameIsUsedWhenItFits() {
        ModelSpec parallel = HostModels.get("host-tiny-parallel");
        assertEquals(parallel, GraphModels.infer(graph(parallel, "cpu-only", 32, 16)));
        // another model under a catalog name falls back to the shapes
        ModelSpec impostor = new ModelSpec("host-tiny", 1, 32, 2, 2, 16, 64, FfnKind.GATED_SILU, NormKind.RMS_NORM, false, 50, 4096, 0);
        ModelSpec inferred = GraphModels.infer(graph(impostor, "cpu-only", 32, 16));
        assertNotEquals(HostModels.tiny(), inferred);
        assertEquals(32, inferred.hiddenSize());
    }

    @Test
    void aCatalogModelOfTheGraphsNameIsUsed() {
        ModelSpec qwen = org.hetsched.core.model.ModelCatalog.builtIn().get("qwen1.5-1.8b");
        assertEquals(qwen, GraphModels.infer(graph(qwen, "cpu-only", 16, 16)));
    }

    @Test
    void theModelPartOfAGraphNameMayContainSlashes() {
        assertEquals("/tmp/x/config.json", GraphModels.modelName("/tmp/x/config.json/llm.npu/prompt32/chunk16"));
        assertEquals("qwen1.5-1.8b", GraphModels.modelName("qwen1.5-1.8b/llm.npu/prompt32/chunk16"));
        assertEquals("generic", GraphModels.modelName("generic"));
    }
}
