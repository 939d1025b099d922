package org.hetsched.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.model.ModelSpec;
import org.junit.jupiter.api.Test;

class OpExpanderTest {

    /** Every op of every chunk, in column order (shadows beside their sibling), reads only tensors an earlier op wrote. */
    @Test
    void everyOpReadsOnlyTensorsAnEarlierOpOfItsChunkWrote() {
        for (ModelSpec model : ModelCatalog.builtIn().models()) {
            for (PartitionPlan plan : TestPlans.all()) {
                PrefillConfig config = new PrefillConfig(model, plan, 48, 16, PrefillConfig.defaultShadowLayers(model, plan));
                TaskGraph graph = PrefillGraphBuilder.build(config);
                int columns = graph.columns().size();
                for (int chunk = 0; chunk < graph.chunks(); chunk++) {
                    Set<TensorRef> written = new HashSet<>(Set.of(TensorRef.of(Tensor.TOKENS)));
                    for (int j = 0; j < columns; j++) {
                        for (Op op : graph.task(chunk * columns + j).ops()) {
                            for (TensorRef read : op.reads()) {
                                assertTrue(written.contains(read), model.name() + "/" + plan.name() + " c" + chunk + ": " + op.label()
                                        + " reads " + read + " before it is written");
                            }
                            written.addAll(op.writes());
                        }
                    }
                    assertTrue(written.contains(TensorRef.of(Tensor.FINAL)), "the final norm ran");
                }
            }
        }
    }

    @Test
    void stepsAndLayersSayWhatEachOpIs() {
        ModelSpec qwen = ModelCatalog.builtIn().get("qwen1.5-1.8b");
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(qwen, TestPlans.llmNpu(), 32, 16, Set.of(3)));
        Task ffn = graph.tasks().stream().filter(t -> t.subgraph().name().equals("ffn") && t.layer() == 3).findFirst().orElseThrow();
        assertEquals(List.of(OpStep.O_PROJ, OpStep.DEQUANTIZE, OpStep.ATTENTION_RESIDUAL, OpStep.POST_ATTENTION_NORM, OpStep.FFN_GATE,
                OpStep.FFN_UP, OpStep.SWIGLU, OpStep.FFN_DOWN, OpStep.FFN_RESIDUAL, OpStep.NEXT_INPUT_NORM, OpStep.Q_PROJ, OpStep.K_PROJ,
                OpStep.V_PROJ), ffn.ops().stream().map(Op::step).toList());
        assertEquals(List.of(3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4), ffn.ops().stream().map(Op::layer).toList(),
                "the next layer's norm and Q/K/V belong to that layer");
        Task shadow = graph.tasks().stream().filter(t -> t.subgraph().role() == SubgraphRole.SHADOW).findFirst().orElseThrow();
        Op first = shadow.ops().get(0);
        assertEquals(OpStep.SHADOW, first.step());
        assertEquals(OpStep.O_PROJ, first.corrects());
        assertEquals("shadow_o_proj", first.label());
        assertEquals("shadow_merge_o_proj", shadow.ops().get(1).label());
        assertNull(ffn.ops().get(0).corrects());
    }

    @Test
    void aParallelModelsFfnReadsTheInputNormAndItsActivationIsTheModels() {
        ModelSpec phi = ModelCatalog.builtIn().get("phi-2");
        assertEquals(FfnKind.PLAIN_GELU, phi.ffnKind());
        TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(phi, TestPlans.cpuOnly(), 16, 16));
        Op fc1 = graph.tasks().stream().flatMap(t -> t.ops().stream()).filter(o -> o.step() == OpStep.FC1).findFirst().orElseThrow();
        assertEquals(List.of(TensorRef.of(Tensor.NORMED, fc1.layer())), fc1.reads());
        assertTrue(graph.tasks().stream().flatMap(t -> t.ops().stream()).anyMatch(o -> o.step() == OpStep.GELU));
        assertTrue(graph.tasks().stream().flatMap(t -> t.ops().stream()).noneMatch(o -> o.step() == OpStep.POST_ATTENTION_NORM));
    }

    @Test
    void opsOfEqualSignatureShareAShapeClassAcrossLayers() {
        ModelSpec qwen = ModelCatalog.builtIn().get("qwen1.5-1.8b");
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(qwen, TestPlans.llmNpu(), 16, 16, Set.of()));
        Task a = graph.tasks().stream().filter(t -> t.subgraph().name().equals("ffn") && t.layer() == 1).findFirst().orElseThrow();
        Task b = graph.tasks().stream().filter(t -> t.subgraph().name().equals("ffn") && t.layer() == 2).findFirst().orElseThrow();
        assertEquals(a.shapeClass(), b.shapeClass());
        assertTrue(!a.ops().equals(b.ops()), "the ops say which layer they compute");
        assertEquals(a.ops().stream().map(Op::signature).toList(), b.ops().stream().map(Op::signature).toList());
    }

    @Test
    void tensorReferencesReadBackTheirText() {
        assertEquals(TensorRef.of(Tensor.Q, 3), TensorRef.parse("Q@3"));
        assertEquals(TensorRef.of(Tensor.HIDDEN), TensorRef.parse(TensorRef.of(Tensor.HIDDEN).toString()));
        assertEquals("KV_CACHE@0", TensorRef.of(Tensor.KV_CACHE, 0).toString());
    }
}
