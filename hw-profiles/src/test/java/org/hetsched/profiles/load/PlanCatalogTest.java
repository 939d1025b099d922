package org.hetsched.profiles.load;

import static org.hetsched.core.graph.ProcessorKind.CPU;
import static org.hetsched.core.graph.ProcessorKind.GPU;
import static org.hetsched.core.graph.ProcessorKind.NPU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.PlanOp;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.SubgraphTemplate;
import org.hetsched.profiles.format.PlanFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCatalogTest {
    private static final Placement CPU_FP32 = new Placement(CPU, DType.FP32, DType.FP32);
    private static final Placement NPU_INT8 = new Placement(NPU, DType.INT8, DType.FP16);
    private static final Placement GPU_FP16 = new Placement(GPU, DType.FP16, DType.FP16);
    private static final List<PlanOp> FFN_OPS = List.of(PlanOp.O_PROJ, PlanOp.DEQUANTIZE, PlanOp.RESIDUAL,
            PlanOp.POST_ATTENTION_NORM, PlanOp.FFN, PlanOp.RESIDUAL, PlanOp.NEXT_LAYER_QKV);
    private static final List<PlanOp> ATTENTION_OPS = List.of(PlanOp.ROPE, PlanOp.KV_APPEND, PlanOp.ATTENTION, PlanOp.QUANTIZE);

    private final PlanCatalog catalog = PlanCatalog.builtIn();

    @Test
    void listsTheBuiltInPlansWithDescriptions() {
        assertEquals(List.of("llm.npu", "llm.npu+gpu", "cpu-only", "gpu-only", "npu-naive"), catalog.names());
        assertEquals(catalog.names(), List.copyOf(catalog.descriptions().keySet()));
        for (String name : catalog.names()) {
            PartitionPlan plan = catalog.get(name);
            assertEquals(name, plan.name());
            assertTrue(!plan.description().isBlank() && !plan.source().isBlank(), name);
        }
    }

    @Test
    void llmNpuIsThePublicCodesPartition() {
        PartitionPlan p = catalog.get("llm.npu");
        assertEquals(List.of(
                new SubgraphTemplate("embed", SubgraphRole.PROLOGUE, List.of(PlanOp.EMBEDDING), List.of(CPU_FP32)),
                new SubgraphTemplate("qkv0", SubgraphRole.LINEAR, List.of(PlanOp.INPUT_NORM, PlanOp.QKV), List.of(NPU_INT8))),
                p.prologue());
        assertEquals(List.of(
                new SubgraphTemplate("attention", SubgraphRole.ATTENTION, ATTENTION_OPS, List.of(CPU_FP32)),
                new SubgraphTemplate("ffn", SubgraphRole.LINEAR, FFN_OPS, List.of(NPU_INT8)),
                new SubgraphTemplate("shadow", SubgraphRole.SHADOW, List.of(PlanOp.SHADOW_OUTLIERS), List.of(CPU_FP32))),
                p.layer());
        assertEquals(List.of(new SubgraphTemplate("head", SubgraphRole.EPILOGUE, List.of(PlanOp.FINAL_NORM, PlanOp.LM_HEAD),
                List.of(CPU_FP32))), p.epilogue());
        assertEquals(0.15, p.shadow().keptLayerFraction(), "the 85% least important layers are pruned");
        assertEquals(10, p.shadow().hotChannelsPerLayer(), "midpoint of 5-15 channels per layer");
    }

    @Test
    void singleProcessorPlansHaveTheSameSubgraphsWithoutShadow() {
        assertSingleProcessor(catalog.get("cpu-only"), new Placement(CPU, DType.INT8, DType.FP32));
        assertSingleProcessor(catalog.get("gpu-only"), GPU_FP16);
        assertSingleProcessor(catalog.get("npu-naive"), NPU_INT8);
    }

    private void assertSingleProcessor(PartitionPlan plan, Placement only) {
        assertNull(plan.shadow(), plan.name());
        assertEquals(names(catalog.get("llm.npu")).stream().filter(n -> !n.equals("shadow")).toList(), names(plan), plan.name());
        for (SubgraphTemplate t : all(plan)) assertEquals(List.of(only), t.placements(), plan.name() + "/" + t.name());
        PartitionPlan reference = catalog.get("llm.npu");
        for (SubgraphTemplate t : all(plan)) {
            SubgraphTemplate r = all(reference).stream().filter(x -> x.name().equals(t.name())).findFirst().orElseThrow();
            assertEquals(r.ops(), t.ops(), plan.name() + "/" + t.name());
            assertEquals(r.role(), t.role(), plan.name() + "/" + t.name());
        }
    }

    @Test
    void llmNpuPlusGpuLetsTheLinearSubgraphsChoose() {
        PartitionPlan p = catalog.get("llm.npu+gpu");
        PartitionPlan reference = catalog.get("llm.npu");
        assertEquals(names(reference), names(p));
        assertEquals(reference.shadow(), p.shadow());
        for (SubgraphTemplate t : all(p)) {
            List<Placement> expected = t.name().equals("qkv0") || t.name().equals("ffn") ? List.of(NPU_INT8, GPU_FP16) : List.of(CPU_FP32);
            assertEquals(expected, t.placements(), t.name());
        }
    }

    @Test
    void readsAPlanFileByPathAndRejectsUnknownNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, """
                {"name": "mine", "description": "d", "source": "user",
                 "layer": [{"name": "all", "role": "LINEAR", "ops": ["QKV", "FFN"],
                            "placements": [{"processor": "CPU", "linear": "FP32", "float": "FP32"}]}]}""");
        assertEquals("mine", catalog.get(file.toString()).name());
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> catalog.get("llm.npx"));
        assertEquals("plan", e.what());
        assertEquals(catalog.names(), e.known());
        Files.writeString(file, "{\"name\": 3}");
        PlanFormatException f = assertThrows(PlanFormatException.class, () -> catalog.get(file.toString()));
        assertTrue(f.getMessage().startsWith(file + ": $.name: expected a string, got the number 3"), f.getMessage());
    }

    private static List<SubgraphTemplate> all(PartitionPlan p) {
        List<SubgraphTemplate> all = new ArrayList<>(p.prologue());
        all.addAll(p.layer());
        all.addAll(p.epilogue());
        return all;
    }

    private static List<String> names(PartitionPlan p) {
        return all(p).stream().map(SubgraphTemplate::name).toList();
    }
}
