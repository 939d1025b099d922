package org.hetsched.backend.qnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hetsched.artefacts.onnx.OnnxDataType;
import org.hetsched.artefacts.onnx.OnnxModelBuilder;
import org.hetsched.artefacts.onnx.SubgraphModel;
import org.hetsched.artefacts.onnx.SubgraphModels;
import org.hetsched.artefacts.qnn.QnnNodeEvent;
import org.hetsched.artefacts.qnn.QnnProfileCsv;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.OpStep;
import org.hetsched.core.graph.Tensor;
import org.hetsched.core.graph.TensorRef;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.trace.ProfilingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on QNN's emulated HTP; skipped (failed under CI=true) without the onnxruntime-qnn package, see {@link QnnTestRuntime}. */
class QnnSessionTest {
    /**
     * How many predicted standard deviations an HTP result may be off. The error model predicts the
     * RMS error of ONNX Runtime's CPU provider within 4% and the emulated HTP's within 20% (its FP16
     * float ops and fixed-point requantisation are not modelled exactly); 6σ, the CPU tests' limit,
     * scaled by that 1.2 and rounded up, is 7.5σ.
     */
    static final double HTP_SIGMAS = 7.5;
    /** Over a whole output, the RMS error may be at most this many times the predicted RMS. */
    static final double HTP_RMS_RATIO = 1.5;

    @TempDir
    Path dir;

    /** The llm.npu NPU subgraph of layer 0 of the tiny model: O-proj … next layer's Q/K/V, 13 ops. */
    static List<Op> ffnOps() {
        TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(), 32, 16));
        return graph.tasks().stream().filter(t -> t.subgraph().name().equals("ffn") && t.layer() == 0).findFirst().orElseThrow().ops();
    }

    @Test
    void aSubgraphModelRunsOnTheHtpWithinTheQuantisationTolerance() {
        SubgraphModel model = SubgraphModels.build("ffn", ffnOps(), TestModels.tiny(2).normEpsilon(), 3);
        try (QnnSession session = QnnTestRuntime.get().openSession(model, dir.resolve("ffn.csv"))) {
            QnnRun run = session.runWithOutputs();
            assertEquals(model.outputs().size(), run.outputs().size());
            for (SubgraphModel.Output o : model.outputs()) {
                float[] got = run.outputs().get(o.name());
                assertTrue(o.worstSigmas(got) <= HTP_SIGMAS, o.name() + " is off by " + o.worstSigmas(got) + " sigma");
                double errSq = 0;
                double stdSq = 0;
                for (int i = 0; i < got.length; i++) {
                    double e = got[i] - o.reference()[i];
                    errSq += e * e;
                    stdSq += o.errorStd()[i] * o.errorStd()[i];
                }
                assertTrue(Math.sqrt(errSq / stdSq) <= HTP_RMS_RATIO, o.name() + ": RMS error is " + Math.sqrt(errSq / stdSq) + "x the prediction");
            }
            assertTrue(run.wallNs() > 0);
            assertEquals(1, session.runs());
        }
    }

    @Test
    void theProfileHasNodeRowsNamedAfterOurNodesForEveryRun() throws Exception {
        List<Op> ops = ffnOps();
        SubgraphModel model = SubgraphModels.build("ffn", ops, TestModels.tiny(2).normEpsilon(), 3);
        Path csv = dir.resolve("profile.csv");
        try (QnnSession session = QnnTestRuntime.get().openSession(model, csv)) {
            assertEquals(1, session.finalizeNs().size(), "graph preparation is profiled at creation");
            assertTrue(session.finalizeNs().get(0) > 0);
            QnnRun first = session.run();
            QnnRun second = session.run();
            assertTrue(first.execution().line() < second.execution().line(), "each run reads only its own rows");

            Set<Integer> opsWithNodes = new TreeSet<>();
            for (QnnNodeEvent n : second.execution().nodes()) {
                int i = SubgraphModels.opIndex(n.node());
                if (i < 0) {
                    assertTrue(n.node().startsWith("Input OpId_") || n.node().startsWith("Output OpId_"), n.node());
                    continue;
                }
                String base = n.node().replace("/duplicated", "");
                assertTrue(model.nodeNames().contains(base), n.node() + " is not a node of ours");
                assertTrue(base.startsWith("op" + i + "." + ops.get(i).label() + "."), base);
                opsWithNodes.add(i);
            }
            assertEquals(13, opsWithNodes.size(), "every op of the subgraph appears in QNN's profile: " + opsWithNodes);
            assertTrue(second.execution().nodes().stream().anyMatch(n -> n.node().equals("op4.ffn_gate.matmul")));

            QnnProfileCsv.Chunk whole = QnnProfileCsv.parse(csv);
            assertEquals(2, whole.executions().size());
            assertEquals(second.execution(), whole.executions().get(1));
            ProfilingEvent tree = QnnProfileCsv.toEvent("ffn", whole.executions());
            ProfilingEvent node = tree.children().get(1).children().stream()
                    .filter(e -> e.label().equals("op7.ffn_down.matmul")).findFirst().orElseThrow();
            assertEquals(ProfilingEvent.Type.NODE, node.type());
            assertEquals(ProfilingEvent.Unit.CYCLES, node.unit());
            assertTrue(node.value() > 0);
        }
        assertTrue(Files.exists(csv), "the profile stays after the session closes");
    }

    @Test
    void aModelTheHtpCannotTakeFailsWithItsNameAndNoCpuFallback() {
        // a float Gelu: the emulated HTP of onnxruntime-qnn 2.7.0 cannot finalise it (QNN_COMMON_ERROR_MEM_ALLOC)
        byte[] onnx = new OnnxModelBuilder("refused")
                .input("x", OnnxDataType.FLOAT, 4, 8)
                .output("y", OnnxDataType.FLOAT, 4, 8)
                .node("Gelu", "gelu", List.of("x"), List.of("y"))
                .build();
        SubgraphModel model = new SubgraphModel("refused", List.of(), onnx,
                List.of(new SubgraphModel.Input("x", 4, 8, new float[32])),
                List.of(new SubgraphModel.Output("y", 4, 8, new float[32], new double[32])), List.of("gelu"));
        QnnRuntime runtime = QnnTestRuntime.get();
        QnnSessionException e = assertThrows(QnnSessionException.class, () -> runtime.openSession(model, dir.resolve("refused.csv")));
        assertTrue(e.getMessage().startsWith("QNN's HTP cannot take model refused: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aClosedSessionRefusesToRun() {
        SubgraphModel model = SubgraphModels.build("qkv", List.of(
                new Op(OpKind.NORM, OpStep.INPUT_NORM, 0, null, List.of(TensorRef.of(Tensor.HIDDEN)),
                        List.of(TensorRef.of(Tensor.NORMED, 0)), 1, 4, 1, 16),
                new Op(OpKind.LINEAR, OpStep.Q_PROJ, 0, null, List.of(TensorRef.of(Tensor.NORMED, 0)),
                        List.of(TensorRef.of(Tensor.Q, 0)), 1, 4, 16, 16)), TestModels.tiny(2).normEpsilon(), 1);
        QnnSession session = QnnTestRuntime.get().openSession(model, dir.resolve("closed.csv"));
        Map<String, float[]> outputs = session.runWithOutputs().outputs();
        assertEquals(Set.of("op1.q_proj"), outputs.keySet());
        session.close();
        session.close();
        assertThrows(IllegalStateException.class, session::run);
    }
}
