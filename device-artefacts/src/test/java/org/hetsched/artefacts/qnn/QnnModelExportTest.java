package org.hetsched.artefacts.qnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hetsched.artefacts.onnx.SubgraphModels;
import org.hetsched.core.UserInputException;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QnnModelExportTest {
    @TempDir
    Path dir;

    private static QnnModelExport.Result exportTiny(List<Integer> chunks) {
        return QnnModelExport.run(new QnnModelExport.Request(TestModels.tiny(2), TestPlans.llmNpu(), chunks, 1), "0.1.0");
    }

    @Test
    void oneModelPerDistinctNpuOpListAndChunkSize() {
        QnnModelExport.Result r = exportTiny(List.of(16, 32));
        // llm.npu on two layers: qkv0, the ffn of layer 0 (with the next layer's Q/K/V) and of layer 1 (without)
        assertEquals(List.of("qkv0-c16", "ffn-c16", "ffn-c16-2", "qkv0-c32", "ffn-c32", "ffn-c32-2"), r.manifest().names());
        assertEquals(List.of(), r.skipped());
        QnnModelManifest.Model ffn = r.manifest().model("ffn-c16").orElseThrow();
        assertEquals(List.of(0), ffn.layers());
        assertEquals(List.of(1), r.manifest().model("ffn-c16-2").orElseThrow().layers());
        assertEquals(List.of(), r.manifest().model("qkv0-c16").orElseThrow().layers());
        assertEquals(16, ffn.chunkTokens());
        assertEquals("ffn-c16.onnx", ffn.file());

        TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(), 16, 16));
        Task layer0 = graph.tasks().stream().filter(t -> t.subgraph().name().equals("ffn") && t.layer() == 0).findFirst().orElseThrow();
        assertEquals(layer0.ops(), ffn.ops().stream().map(QnnModelManifest.ModelOp::op).toList());
        for (QnnModelManifest.ModelOp op : ffn.ops()) {
            assertEquals(op.op().kind() == OpKind.LINEAR ? DType.INT8 : DType.FP16, op.dtype(), "llm.npu's NPU placement: INT8 linears, FP16 the rest");
        }
        QnnModelExport.Exported exported = r.models().get(1);
        assertEquals(exported.model().nodeNames(), ffn.nodes());
        assertEquals(QnnModelExport.sha256(exported.model().onnx()), ffn.onnxSha256());
        for (String node : ffn.nodes()) assertTrue(SubgraphModels.opIndex(node) >= 0, node);
        assertEquals("op0.o_proj", ffn.nodePrefix(0));
        assertEquals(QnnModelExport.sha256(SubgraphModels.build("ffn-c16", layer0.ops(), TestModels.tiny(2).normEpsilon(), 1).onnx()), ffn.onnxSha256(), "same ops and seed as the backend");
    }

    @Test
    void theManifestReadsBackAsWritten() throws IOException {
        QnnModelManifest manifest = exportTiny(List.of(16)).manifest();
        Path file = dir.resolve(QnnModelManifest.FILE_NAME);
        try (OutputStream out = Files.newOutputStream(file)) {
            manifest.write(out);
        }
        assertEquals(manifest, QnnModelManifest.read(file));
        assertEquals(manifest, QnnModelManifest.read(dir), "a folder means its manifest.json");
    }

    @Test
    void badManifestsNameTheFileAndEveryField() throws IOException {
        Path file = dir.resolve("m.json");
        Files.writeString(file, "{\"format\": \"x/1\", \"hetschedVersion\": \"0.1.0\", \"model\": \"m\", \"plan\": \"p\", \"chunkTokens\": [0],"
                + " \"seed\": 1.5, \"extra\": 1, \"models\": [{\"name\": \"a\", \"file\": \"a.onnx\", \"onnxSha256\": \"0\", \"subgraph\": \"s\","
                + " \"chunkTokens\": 16, \"layers\": [], \"nodes\": [\"op3.q.matmul\"], \"ops\": [{\"index\": 0, \"label\": \"q\","
                + " \"kind\": \"CONV\", \"dtype\": \"INT4\", \"batch\": 1, \"m\": 16, \"k\": 0, \"n\": 64}]}]}");
        UserInputException e = assertThrows(UserInputException.class, () -> QnnModelManifest.read(file));
        for (String s : List.of(file + ": ", "$.format: expected \"hetsched-qnn-models/1\"", "$.chunkTokens[0]", "$.seed", "$.extra: unknown field",
                "$.models[0].ops[0].kind: unknown op kind 'CONV'", "$.models[0].ops[0].dtype: unknown dtype 'INT4'", "$.models[0].ops[0].k")) {
            assertTrue(e.getMessage().contains(s), "should mention " + s + ": " + e.getMessage());
        }
        Files.writeString(file, "{\"format\": ");
        e = assertThrows(UserInputException.class, () -> QnnModelManifest.read(file));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> QnnModelManifest.read(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("no such manifest file"), e.getMessage());
    }

    @Test
    void aPlanWithNothingForTheNpuIsAUserError() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> QnnModelExport.run(new QnnModelExport.Request(TestModels.tiny(2), TestPlans.cpuOnly(), List.of(16), 1), "0.1.0"));
        assertTrue(e.getMessage().contains("places no subgraph"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> new QnnModelExport.Request(TestModels.tiny(2), TestPlans.llmNpu(), List.of(16, 0, 16), 1));
        assertTrue(e.getMessage().contains("got 0") && e.getMessage().contains("repeat"), e.getMessage());
    }
}
