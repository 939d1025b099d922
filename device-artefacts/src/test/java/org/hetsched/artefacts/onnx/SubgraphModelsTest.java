package org.hetsched.artefacts.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.OpStep;
import org.hetsched.core.graph.Tensor;
import org.hetsched.core.graph.TensorRef;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.junit.jupiter.api.Test;

class SubgraphModelsTest {
    /** Tiny model (d 64, f 128, 4 heads, 2 KV heads of 16), llm.npu, 2 chunks of 16 tokens. */
    static final TaskGraph GRAPH =
            PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(), 32, 16));

    /** The first task of a subgraph at a layer (−1: none). */
    static Task task(String subgraph, int layer) {
        return GRAPH.tasks().stream().filter(t -> t.subgraph().name().equals(subgraph) && t.layer() == layer).findFirst().orElseThrow();
    }

    /** O-proj, dequantize, residual, norm, gate, up, swiglu, down, residual, next norm, Q, K, V. */
    static List<Op> ffnWithNextQkv() {
        return task("ffn", 0).ops();
    }

    @Test
    void theLlmNpuFfnSubgraphBecomesOneModelWithNodesNamedAfterItsOps() {
        List<Op> ops = ffnWithNextQkv();
        assertEquals(List.of("o_proj", "dequantize", "residual_add", "post_attention_norm", "ffn_gate", "ffn_up", "swiglu", "ffn_down",
                "residual_add", "next_input_norm", "q_proj", "k_proj", "v_proj"), ops.stream().map(Op::label).toList());
        SubgraphModel model = SubgraphModels.build("ffn", ops, TestModels.tiny(2).normEpsilon(), 1);

        Set<Integer> covered = new TreeSet<>();
        for (String node : model.nodeNames()) {
            int i = SubgraphModels.opIndex(node);
            assertTrue(i >= 0 && node.startsWith("op" + i + "." + ops.get(i).label() + "."), node);
            covered.add(i);
        }
        assertEquals(13, covered.size(), "every op has a node: " + covered);
        assertTrue(model.nodeNames().contains("op4.ffn_gate.matmul"));
        assertTrue(model.nodeNames().contains("op1.dequantize.dequantize"), "the O projection's output is dequantised by op 1");
        assertEquals(List.of("op0.o_proj.input", SubgraphModels.HIDDEN_INPUT), model.inputs().stream().map(SubgraphModel.Input::name).toList());
        assertEquals(List.of("op8.residual_add", "op10.q_proj", "op11.k_proj", "op12.v_proj"),
                model.outputs().stream().map(SubgraphModel.Output::name).toList());
        assertEquals(List.of(64, 64, 32, 32), model.outputs().stream().map(SubgraphModel.Output::cols).toList());
    }

    /** How many predicted standard deviations a run may be off: 6σ, under Gaussian noise about 2e-9 per element. */
    static final double SIGMAS = 6;

    @Test
    void onnxRuntimeCpuResultsStayWithinTheDerivedQuantisationTolerance() throws Exception {
        SubgraphModel model = SubgraphModels.build("ffn", ffnWithNextQkv(), TestModels.tiny(2).normEpsilon(), 3);
        Map<String, float[]> out = OrtCpu.run(model);
        for (SubgraphModel.Output o : model.outputs()) {
            assertTrue(o.worstSigmas(out.get(o.name())) <= SIGMAS, o.name() + " is off by " + o.worstSigmas(out.get(o.name())) + " sigma");
            double maxRef = 0;
            double maxTolerance = 0;
            for (int i = 0; i < o.reference().length; i++) {
                maxRef = Math.max(maxRef, Math.abs(o.reference()[i]));
                maxTolerance = Math.max(maxTolerance, SIGMAS * o.errorStd()[i]);
            }
            // tight enough to catch a wrong model, which is off by the values' own size
            assertTrue(maxTolerance < 0.5 * maxRef, o.name() + ": tolerance " + maxTolerance + " vs values up to " + maxRef);
        }
    }

    @Test
    void theBoundCatchesAModelRunOnOtherInputs() throws Exception {
        SubgraphModel model = SubgraphModels.build("qkv", task("qkv0", -1).ops(), TestModels.tiny(2).normEpsilon(), 3);
        SubgraphModel other = SubgraphModels.build("qkv", task("qkv0", -1).ops(), TestModels.tiny(2).normEpsilon(), 4);
        Map<String, float[]> wrong = OrtCpu.run(other);
        for (SubgraphModel.Output o : model.outputs()) {
            assertTrue(o.worstSigmas(wrong.get(o.name())) > SIGMAS, "another seed's " + o.name() + " must not pass as this model's");
        }
    }

    @Test
    void theQkvSubgraphNormalisesTheHiddenInputIntoThreeProjections() throws Exception {
        List<Op> ops = task("qkv0", -1).ops();
        assertEquals(List.of("input_norm", "q_proj", "k_proj", "v_proj"), ops.stream().map(Op::label).toList());
        SubgraphModel model = SubgraphModels.build("qkv0", ops, TestModels.tiny(2).normEpsilon(), 5);
        assertEquals(List.of(SubgraphModels.HIDDEN_INPUT), model.inputs().stream().map(SubgraphModel.Input::name).toList());
        assertEquals(List.of("op1.q_proj", "op2.k_proj", "op3.v_proj"), model.outputs().stream().map(SubgraphModel.Output::name).toList());
        Map<String, float[]> out = OrtCpu.run(model);
        for (SubgraphModel.Output o : model.outputs()) assertTrue(o.worstSigmas(out.get(o.name())) <= SIGMAS, o.name());
    }

    @Test
    void equalOpsAndSeedGiveTheSameModel() {
        List<Op> ops = ffnWithNextQkv();
        assertArrayEquals(SubgraphModels.build("a", ops, TestModels.tiny(2).normEpsilon(), 9).onnx(), SubgraphModels.build("a", ops, TestModels.tiny(2).normEpsilon(), 9).onnx());
        assertFalse(java.util.Arrays.equals(SubgraphModels.build("a", ops, TestModels.tiny(2).normEpsilon(), 9).onnx(), SubgraphModels.build("a", ops, TestModels.tiny(2).normEpsilon(), 10).onnx()));
    }

    @Test
    void refusesOpsWithNoOnnxFormAndSaysWhy() {
        String attention = SubgraphModels.unsupported(task("attention", 0).ops());
        assertNotNull(attention);
        assertTrue(attention.contains("ROPE") || attention.contains("KV_APPEND"), attention);
        assertEquals("the task has no ops", SubgraphModels.unsupported(List.of()));
        String dequant = SubgraphModels.unsupported(List.of(Op.probe(OpKind.DEQUANTIZE, 1, 16, 1, 64)));
        assertTrue(dequant.contains("does not follow a LINEAR"), dequant);
        String batch = SubgraphModels.unsupported(List.of(Op.probe(OpKind.LINEAR, 2, 16, 8, 8)));
        assertTrue(batch.contains("batch 2"), batch);
        assertNull(SubgraphModels.unsupported(ffnWithNextQkv()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubgraphModels.build("attention", task("attention", 0).ops(), TestModels.tiny(2).normEpsilon(), 1));
        assertTrue(e.getMessage().startsWith("cannot build an ONNX model of attention"), e.getMessage());
    }

    @Test
    void opIndexReadsTheNodeNamePrefix() {
        assertEquals(4, SubgraphModels.opIndex("op4.ffn_gate.matmul"));
        assertEquals(12, SubgraphModels.opIndex("op12.v_proj.dequantize_output/duplicated"));
        assertEquals(-1, SubgraphModels.opIndex("Input OpId_2"));
        assertEquals(-1, SubgraphModels.opIndex("opx.y"));
        assertEquals(-1, SubgraphModels.opIndex("op3"));
    }

    private static TensorRef t(Tensor tensor) {
        return TensorRef.of(tensor);
    }

    private static TensorRef t(Tensor tensor, int layer) {
        return TensorRef.of(tensor, layer);
    }

    @Test
    void aPlainActivationAndAQuantizeRoundTripRunToo() throws Exception {
        List<Op> ops = List.of(
                new Op(OpKind.NORM, OpStep.POST_ATTENTION_NORM, 0, null, List.of(t(Tensor.HIDDEN)), List.of(t(Tensor.FFN_INPUT, 0)), 1, 4, 1, 8),
                new Op(OpKind.LINEAR, OpStep.FC1, 0, null, List.of(t(Tensor.FFN_INPUT, 0)), List.of(t(Tensor.UP, 0)), 1, 4, 8, 16),
                new Op(OpKind.ACTIVATION, OpStep.GELU, 0, null, List.of(t(Tensor.UP, 0)), List.of(t(Tensor.FFN_HIDDEN, 0)), 1, 4, 1, 16),
                new Op(OpKind.QUANTIZE, OpStep.QUANTIZE, 0, null, List.of(t(Tensor.FFN_HIDDEN, 0)), List.of(t(Tensor.FFN_HIDDEN, 0)),
                        1, 4, 1, 16),
                new Op(OpKind.LINEAR, OpStep.FC2, 0, null, List.of(t(Tensor.FFN_HIDDEN, 0)), List.of(t(Tensor.FFN_OUT, 0)), 1, 4, 16, 8),
                new Op(OpKind.ELEMENTWISE, OpStep.FFN_RESIDUAL, 0, null, List.of(t(Tensor.HIDDEN), t(Tensor.FFN_OUT, 0)),
                        List.of(t(Tensor.HIDDEN)), 1, 4, 1, 8));
        SubgraphModel model = SubgraphModels.build("mlp", ops, TestModels.tiny(2).normEpsilon(), 2);
        assertEquals(List.of("op5.residual_add"), model.outputs().stream().map(SubgraphModel.Output::name).toList());
        Map<String, float[]> out = OrtCpu.run(model);
        SubgraphModel.Output o = model.outputs().get(0);
        assertTrue(o.worstSigmas(out.get(o.name())) <= SIGMAS, o.name() + " off by " + o.worstSigmas(out.get(o.name())) + " sigma");
    }
}
