package org.hetsched.profiles.cost;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hetsched.core.engine.Engine;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.Metrics;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.ProfileCatalog;
import org.junit.jupiter.api.Test;

/**
 * The derived sd8gen3 numbers land where the paper says they should: llm.npu prefills
 * Qwen1.5-1.8B at 1024 tokens in the hundreds to ~1000+ tokens/s, the baselines are several times
 * slower, and the NPU's per-token linear latency falls with the chunk and flattens near 256.
 */
class BuiltInSanityTest {
    private static final ProfileCostModel MODEL = new ProfileCostModel(ProfileCatalog.builtIn().get("sd8gen3-bottom-up"));
    private static final ModelSpec QWEN = ModelCatalog.builtIn().get("qwen1.5-1.8b");

    private static double tokensPerSecond(String plan) {
        PrefillConfig config = PrefillConfig.withDefaultShadowLayers(QWEN, PlanCatalog.builtIn().get(plan), 1024, 256);
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(config), MODEL.platform(), MODEL);
        return Metrics.of(new Engine(costs).run(new LowestIdFirstPolicy()), 0).tokensPerSecond();
    }

    @Test
    void llmNpuIsInThePapersRangeAndTheBaselinesAreSeveralTimesSlower() {
        double llmNpu = tokensPerSecond("llm.npu");
        assertTrue(llmNpu > 500 && llmNpu < 2500, "llm.npu: " + llmNpu + " tokens/s");
        double cpuOnly = tokensPerSecond("cpu-only");
        assertTrue(cpuOnly * 3 < llmNpu, "cpu-only: " + cpuOnly + " tokens/s vs llm.npu " + llmNpu);
        double naive = tokensPerSecond("npu-naive");
        assertTrue(naive * 5 < llmNpu, "npu-naive: " + naive + " tokens/s vs llm.npu " + llmNpu);
    }

    @Test
    void npuPerTokenLinearLatencyFallsWithTheChunkAndFlattensNear256() {
        Processor npu = MODEL.platform().byName("npu");
        Placement placement = new Placement(ProcessorKind.NPU, DType.INT8, DType.FP16);
        double[] perToken = new double[6];
        int[] chunks = {32, 64, 128, 256, 512, 1024};
        for (int i = 0; i < chunks.length; i++) {
            // Qwen1.5-1.8B's FFN up projection, the kind of linear the paper swept.
            Op up = Op.probe(OpKind.LINEAR, 1, chunks[i], QWEN.hiddenSize(), QWEN.ffnSize());
            perToken[i] = (double) MODEL.cost(Tasks.of(up, placement), npu).durationNs() / chunks[i];
        }
        for (int i = 1; i <= 3; i++) {
            assertTrue(perToken[i] < perToken[i - 1] / 1.5, "under-filled: chunk " + chunks[i] + " not much cheaper per token");
        }
        for (int i = 4; i < chunks.length; i++) {
            assertTrue(perToken[i] <= perToken[i - 1] && perToken[i] > 0.8 * perToken[i - 1],
                    "past 256 the per-token latency should flatten: chunk " + chunks[i] + " " + perToken[i] + " vs " + perToken[i - 1]);
        }
    }
}
