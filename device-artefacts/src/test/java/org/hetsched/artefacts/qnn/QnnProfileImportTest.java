package org.hetsched.artefacts.qnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.UserInputException;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostBasis;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;
import org.hetsched.core.trace.ProfilingEvent;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.format.CostPoint;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.MeasuredCosts;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.load.ProfileCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import's arithmetic on hand-written QNN CSVs. Model {@code tiny-c16}: a norm (FP16), two INT8
 * linears and a dequantise QNN folds away (0 cycles). Each execution has 2000 cycles: norm 200, q 1000,
 * k 400, QNN's Input/Output 400; at 1000 µs accelerator time that is 500 ns per cycle, so the ops
 * get 100, 500 and 200 µs, and the Input/Output 200 µs are spread ×1.25 over them: 125, 625, 250 µs.
 */
class QnnProfileImportTest {
    private static final Instant DATE = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    static QnnModelManifest.Model model(String name, int m, int linearN) {
        List<QnnModelManifest.ModelOp> ops = List.of(
                new QnnModelManifest.ModelOp(0, Op.probe(OpKind.NORM, 1, m, 1, 64), DType.FP16),
                new QnnModelManifest.ModelOp(1, Op.probe(OpKind.LINEAR, 1, m, 64, linearN), DType.INT8),
                new QnnModelManifest.ModelOp(2, Op.probe(OpKind.LINEAR, 1, m, 64, 32), DType.INT8),
                new QnnModelManifest.ModelOp(3, Op.probe(OpKind.DEQUANTIZE, 1, m, 1, 32), DType.FP16));
        return new QnnModelManifest.Model(name, name + ".onnx", "00", "qkv", m, List.of(0), ops, List.of("op0.norm.square", "op0.norm.scale",
                "op1.q_proj.quantize_input", "op1.q_proj.matmul", "op2.k_proj.matmul", "op3.dequant.dequantize"));
    }

    private Path manifest(QnnModelManifest.Model... models) throws IOException {
        QnnModelManifest manifest = new QnnModelManifest("0.1.0", "tiny", "llm.npu", List.of(16), 1, List.of(models));
        Path file = dir.resolve("manifest.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            manifest.write(out);
        }
        return file;
    }

    /** One execution's rows: the cycles per node of norm, q, k and Input/Output scaled by {@code scale}. */
    static String execution(long acceleratorUs, long executeUs, int scale) {
        return String.join("\n",
                "0,BACKEND," + 2000 * scale + ",CYCLES,BACKEND,ROOT,Accelerator (execute) time (cycles)",
                "0,NODE," + 200 * scale + ",CYCLES,BACKEND,SUB-EVENT,Input OpId_2 (cycles)",
                "0,NODE," + 100 * scale + ",CYCLES,BACKEND,SUB-EVENT,op0.norm.square:OpId_10 (cycles)",
                "0,NODE," + 100 * scale + ",CYCLES,BACKEND,SUB-EVENT,op0.norm.scale:OpId_11 (cycles)",
                "0,NODE,0,CYCLES,BACKEND,SUB-EVENT,op1.q_proj.quantize_input:OpId_12 (cycles)",
                "0,NODE," + 1000 * scale + ",CYCLES,BACKEND,SUB-EVENT,op1.q_proj.matmul:OpId_13 (cycles)",
                "0,NODE," + 400 * scale + ",CYCLES,BACKEND,SUB-EVENT,op2.k_proj.matmul:OpId_14 (cycles)",
                "0,NODE,0,CYCLES,BACKEND,SUB-EVENT,op3.dequant.dequantize:OpId_15 (cycles)",
                "0,NODE," + 200 * scale + ",CYCLES,BACKEND,SUB-EVENT,Output OpId_3 (cycles)",
                "0,BACKEND," + acceleratorUs + ",US,BACKEND,ROOT,Accelerator (execute) time",
                "0,EXECUTE," + executeUs + ",US,BACKEND,ROOT,QNN (execute) time") + "\n";
    }

    /** Finalize 40 ms; a warm-up execution 50× slower; then 1000, 1200 and 800 µs of accelerator time. */
    private Path csv(String name) throws IOException {
        String text = "Msg Timestamp,Message,Time,Unit of Measurement,Timing Source,Event Level,Event Identifier\n"
                + "0,FINALIZE,40000,US,BACKEND,ROOT,QNN (finalize) time\n"
                + "0,UNKNOWN,300,US,BACKEND,SUB-EVENT,Graph Optimizations\n"
                + execution(50000, 52000, 1) + execution(1000, 1300, 1) + execution(1200, 1500, 3) + execution(800, 1100, 2);
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private QnnProfileImport.Result run(List<Path> csvs, Path manifest, String base, String processor, int warmup) {
        return QnnProfileImport.run(new QnnProfileImport.Request(csvs, manifest, base, processor, warmup, null, "test phone"), "0.1.0", DATE);
    }

    private static CostPoint point(DeviceProfile p, String processor, OpKind kind, DType dtype, int m, int k, int n) {
        for (MeasuredCosts c : p.costs()) {
            if (!c.processor().equals(processor) || c.kind() != kind || c.dtype() != dtype) continue;
            for (CostPoint x : c.points()) {
                if (x.hasShape(1, m, k, n)) return x;
            }
        }
        return null;
    }

    @Test
    void cyclesBecomeTimeByTheAcceleratorRatioAndInputOutputIsSpreadOverTheOps() {
        QnnModelManifest.Model model = model("tiny-c16", 16, 64);
        List<QnnNodeEvent> nodes = List.of(
                new QnnNodeEvent("Input OpId_2", "Input OpId_2 (cycles)", 200, ProfilingEvent.Unit.CYCLES),
                new QnnNodeEvent("op0.norm.square", "op0.norm.square:OpId_10 (cycles)", 200, ProfilingEvent.Unit.CYCLES),
                new QnnNodeEvent("op1.q_proj.matmul", "op1.q_proj.matmul:OpId_13 (cycles)", 1000, ProfilingEvent.Unit.CYCLES),
                new QnnNodeEvent("op2.k_proj.matmul/duplicated", "op2.k_proj.matmul/duplicated:OpId_14 (cycles)", 400, ProfilingEvent.Unit.CYCLES),
                new QnnNodeEvent("Output OpId_3", "Output OpId_3 (cycles)", 200, ProfilingEvent.Unit.CYCLES));
        QnnProfileImport.ExecutionOps withCycleRow = QnnProfileImport.opNs(dir.resolve("x.csv"), new QnnExecution(9, 1_300_000, 1_000_000, 2000, nodes), model);
        assertArrayEquals(new double[] {125_000, 625_000, 250_000, 0}, withCycleRow.opNs(), 1e-6);
        assertArrayEquals(new boolean[] {true, true, true, false}, withCycleRow.measured());
        QnnProfileImport.ExecutionOps withoutCycleRow = QnnProfileImport.opNs(dir.resolve("x.csv"), new QnnExecution(9, 1_300_000, 1_000_000, -1, nodes), model);
        assertArrayEquals(withCycleRow.opNs(), withoutCycleRow.opNs(), 1e-6, "without the cycles row the node cycles' sum is the total");
        // a cycles row larger than the nodes' sum: the ratio still uses it (QNN's own total)
        QnnProfileImport.ExecutionOps slower = QnnProfileImport.opNs(dir.resolve("x.csv"), new QnnExecution(9, 1_300_000, 1_000_000, 4000, nodes), model);
        assertEquals(625_000 / 2.0, slower.opNs()[1], 1e-6);
    }

    @Test
    void nodesInTimeUnitsAreTakenAsTheyAre() {
        QnnModelManifest.Model model = model("tiny-c16", 16, 64);
        List<QnnNodeEvent> nodes = List.of(
                new QnnNodeEvent("op1.q_proj.matmul", "op1.q_proj.matmul (US)", 30_000, ProfilingEvent.Unit.TIME_NS),
                new QnnNodeEvent("op2.k_proj.matmul", "op2.k_proj.matmul (US)", 10_000, ProfilingEvent.Unit.TIME_NS),
                new QnnNodeEvent("Output OpId_3", "Output OpId_3 (US)", 4_000, ProfilingEvent.Unit.TIME_NS));
        QnnProfileImport.ExecutionOps ops = QnnProfileImport.opNs(dir.resolve("x.csv"), new QnnExecution(9, 50_000, -1, -1, nodes), model);
        assertArrayEquals(new double[] {0, 33_000, 11_000, 0}, ops.opNs(), 1e-6);
    }

    @Test
    void cyclesWithoutAnAcceleratorTimeOrNoNodesAtAllNameTheLine() {
        QnnModelManifest.Model model = model("tiny-c16", 16, 64);
        List<QnnNodeEvent> nodes = List.of(new QnnNodeEvent("op1.q_proj.matmul", "op1.q_proj.matmul:OpId_1 (cycles)", 10, ProfilingEvent.Unit.CYCLES));
        QnnProfileException e = assertThrows(QnnProfileException.class,
                () -> QnnProfileImport.opNs(dir.resolve("x.csv"), new QnnExecution(17, 5000, -1, 10, nodes), model));
        assertTrue(e.getMessage().startsWith(dir.resolve("x.csv") + ":17: ") && e.getMessage().contains("Accelerator (execute) time"), e.getMessage());
        e = assertThrows(QnnProfileException.class, () -> QnnProfileImport.opNs(dir.resolve("x.csv"), new QnnExecution(5, 5000, 100, 10, List.of()), model));
        assertTrue(e.getMessage().contains(":5: ") && e.getMessage().contains("profiling_level=detailed"), e.getMessage());
    }

    @Test
    void aNodeOfAnotherModelIsRefused() {
        QnnModelManifest.Model model = model("tiny-c16", 16, 64);
        for (String node : List.of("op9.ffn_down.matmul", "op1.ffn_up.matmul", "op1.q_proj.transpose")) {
            List<QnnNodeEvent> nodes = List.of(new QnnNodeEvent(node, node + ":OpId_1 (cycles)", 10, ProfilingEvent.Unit.CYCLES));
            QnnProfileException e = assertThrows(QnnProfileException.class,
                    () -> QnnProfileImport.opNs(dir.resolve("x.csv"), new QnnExecution(30, 5000, 100, 10, nodes), model));
            assertTrue(e.getMessage().contains(":30: ") && e.getMessage().contains(node) && e.getMessage().contains("tiny-c16"), e.getMessage());
        }
    }

    @Test
    void warmUpIsSkippedMediansAreWrittenAndTheProfileLoads() throws IOException {
        Path manifest = manifest(model("tiny-c16", 16, 64));
        QnnProfileImport.Result r = run(List.of(csv("tiny-c16.csv")), manifest, "sd8gen3", null, 1);

        assertEquals("npu", r.processor(), "the base's NPU-kind processor by default");
        assertEquals("qnn-import-2026-11-22", r.sourceId());
        assertEquals(3, r.points().size(), "norm, q and k; the folded dequantise has no point");
        assertEquals(List.of("tiny-c16 op3.dequant (DEQUANTIZE, 0 in every execution)"), r.unmeasuredOps());
        // used executions give 125/150/100, 625/750/500, 250/300/200 us; the warm-up (50x) is not among them
        DeviceProfile p = r.profile();
        assertEquals(125_000, point(p, "npu", OpKind.NORM, DType.FP16, 16, 1, 64).latencyNs(), 1e-3);
        assertEquals(625_000, point(p, "npu", OpKind.LINEAR, DType.INT8, 16, 64, 64).latencyNs(), 1e-3);
        assertEquals(250_000, point(p, "npu", OpKind.LINEAR, DType.INT8, 16, 64, 32).latencyNs(), 1e-3);
        QnnProfileImport.ImportedPoint norm = r.points().stream().filter(x -> x.kind() == OpKind.NORM).findFirst().orElseThrow();
        assertEquals(25_000, norm.summary().madNs(), 1e-9, "MAD of 125, 150, 100 us");
        assertEquals(3, norm.summary().kept());
        assertEquals(List.of("tiny-c16 op0.norm"), norm.ops());

        QnnProfileImport.FileSummary f = r.files().get(0);
        assertEquals(4, f.executions());
        assertEquals(3, f.used());
        assertEquals(1_000_000, f.acceleratorNs(), 1e-9);
        assertEquals(1_300_000, f.executeNs(), 1e-9);
        assertEquals(64, f.sha256().length());

        assertEquals(40_000_000, r.graphPreparationNs().orElseThrow(), 1e-6, "the FINALIZE row");
        assertEquals(40_000_000, p.graphPreparation().get(0).perGraphNs().value(), 1e-6);
        assertEquals(r.sourceId(), p.graphPreparation().get(0).perGraphNs().source());

        String source = p.sources().get(r.sourceId());
        assertTrue(source.startsWith("Measured:"), source);
        for (String s : List.of("tiny-c16.csv", f.sha256(), "4 executions", "the first 1 skipped", "MAD 25.000 us", "manifest.json",
                "2026-11-22T10:00:00Z", "hetsched 0.1.0", "test phone", "op3.dequant")) {
            assertTrue(source.contains(s), "source should mention " + s + ": " + source);
        }
        // everything else of the base is as it was
        DeviceProfile base = ProfileCatalog.builtIn().get("sd8gen3");
        assertEquals(base.analytic(), p.analytic());
        assertEquals(base.sync(), p.sync());
        assertEquals(base.processors(), p.processors());
        assertEquals(point(base, "npu", OpKind.LINEAR, DType.INT8, 64, 2048, 2048), point(p, "npu", OpKind.LINEAR, DType.INT8, 64, 2048, 2048));
        assertEquals(base.sources().size() + 1, p.sources().size());
        assertEquals(p, ProfileReader.parse(r.profileJson(), "again"), "the written text is the returned profile");
    }

    @Test
    void noWarmUpTakesEveryExecution() throws IOException {
        Path manifest = manifest(model("tiny-c16", 16, 64));
        QnnProfileImport.Result r = run(List.of(csv("tiny-c16.csv")), manifest, "sd8gen3", null, 0);
        assertEquals(4, r.files().get(0).used());
        // 125/150/100 us and the warm-up's 6250 us, which lies beyond 3 MAD and is dropped
        assertEquals(125_000, point(r.profile(), "npu", OpKind.NORM, DType.FP16, 16, 1, 64).latencyNs(), 1e-3);
        assertEquals(1, r.points().stream().filter(x -> x.kind() == OpKind.NORM).findFirst().orElseThrow().summary().rejected());
    }

    @Test
    void theImportedPointsPriceTheirShapes() throws IOException {
        Path manifest = manifest(model("tiny-c16", 16, 64));
        DeviceProfile p = run(List.of(csv("tiny-c16.csv")), manifest, "sd8gen3", null, 1).profile();
        // the tiny model's qkv0 task at chunk 16: a norm over 64 and its q (64x64), k and v (64x32) linears
        TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(), 16, 16));
        Task qkv0 = graph.tasks().stream().filter(t -> t.subgraph().name().equals("qkv0")).findFirst().orElseThrow();
        Processor npu = p.platform().processor(p.processorId("npu"));
        TaskCost before = new ProfileCostModel(ProfileCatalog.builtIn().get("sd8gen3")).cost(qkv0, npu);
        TaskCost after = new ProfileCostModel(p).cost(qkv0, npu);
        assertEquals(List.of("NORM/FP16"), before.analyticOps());
        assertEquals(List.of(), after.analyticOps(), "the imported NORM point prices it");
        assertEquals(CostBasis.MEASURED, after.basis(), "every op's shape is an imported point");
        assertEquals(125_000 + 625_000 + 250_000 + 250_000, after.durationNs(), "norm + q + k + v (v has k's shape)");
    }

    @Test
    void latencyFallingAsMGrowsIsPooledAndSaidSo() throws IOException {
        // tiny-c32 is the same model at m = 32, profiled with half the accelerator time: every m=32 op is cheaper than at m=16
        Path manifest = manifest(model("tiny-c16", 16, 64), model("tiny-c32", 32, 64));
        Path c16 = csv("tiny-c16.csv");
        Path c32 = dir.resolve("tiny-c32.run1.csv");
        Files.writeString(c32, Files.readString(c16).replace(",1000,US,BACKEND,ROOT,Accelerator", ",500,US,BACKEND,ROOT,Accelerator")
                .replace(",1200,US,BACKEND,ROOT,Accelerator", ",600,US,BACKEND,ROOT,Accelerator")
                .replace(",800,US,BACKEND,ROOT,Accelerator", ",400,US,BACKEND,ROOT,Accelerator"));
        QnnProfileImport.Result r = run(List.of(c16, c32), manifest, "sd8gen3", null, 1);
        assertEquals("tiny-c32", r.files().get(1).model(), "the name up to its first dot names the model");
        // q: 625 us at m=16, 312.5 at m=32: pooled to their mean
        CostPoint q16 = point(r.profile(), "npu", OpKind.LINEAR, DType.INT8, 16, 64, 64);
        CostPoint q32 = point(r.profile(), "npu", OpKind.LINEAR, DType.INT8, 32, 64, 64);
        assertEquals(468_750, q16.latencyNs(), 1e-3);
        assertEquals(468_750, q32.latencyNs(), 1e-3);
        QnnProfileImport.ImportedPoint adjusted = r.points().stream().filter(x -> x.m() == 16 && x.kind() == OpKind.LINEAR && x.n() == 64)
                .findFirst().orElseThrow();
        assertTrue(adjusted.adjusted());
        assertEquals(625_000, adjusted.summary().medianNs(), 1e-9);
        assertTrue(r.profile().sources().get(r.sourceId()).contains("rule 11"));
    }

    @Test
    void pointsOfTheSameShapeAreReplacedAndBasePointsThatWouldFallInMAreDropped() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode base = (ObjectNode) json.readTree(ProfileCatalog.builtIn().json("sd8gen3"));
        ObjectNode linear = (ObjectNode) base.get("costs").get(0);
        assertEquals("npu", linear.get("processor").asText());
        ((com.fasterxml.jackson.databind.node.ArrayNode) linear.get("points")).addObject().put("m", 16).put("k", 64).put("n", 64).put("latencyMs", 0.5);
        ((com.fasterxml.jackson.databind.node.ArrayNode) linear.get("points")).addObject().put("m", 64).put("k", 64).put("n", 32).put("latencyMs", 0.1);
        ((com.fasterxml.jackson.databind.node.ArrayNode) linear.get("points")).addObject().put("m", 64).put("k", 64).put("n", 64).put("latencyMs", 5.0);
        Path baseFile = dir.resolve("phone.json");
        json.writeValue(baseFile.toFile(), base);

        QnnProfileImport.Result r = run(List.of(csv("tiny-c16.csv")), manifest(model("tiny-c16", 16, 64)), baseFile.toString(), null, 1);
        assertEquals(625_000, point(r.profile(), "npu", OpKind.LINEAR, DType.INT8, 16, 64, 64).latencyNs(), 1e-3, "replaced");
        assertEquals(1, r.replaced().size(), r.replaced().toString());
        assertEquals("LINEAR/INT8 1x(16x64 . 64x64): 0.5 ms (source llmnpu-table3)", r.replaced().get(0));
        assertEquals(null, point(r.profile(), "npu", OpKind.LINEAR, DType.INT8, 64, 64, 32), "0.1 ms at m=64 < 0.25 ms at m=16: dropped");
        assertEquals(1, r.dropped().size(), r.dropped().toString());
        assertEquals(5_000_000, point(r.profile(), "npu", OpKind.LINEAR, DType.INT8, 64, 64, 64).latencyNs(), 1e-3, "kept: no conflict");

        // importing again into the result replaces the imported points under a new source id
        Path again = dir.resolve("again.json");
        Files.writeString(again, r.profileJson());
        QnnProfileImport.Result r2 = run(List.of(csv("tiny-c16.csv")), dir.resolve("manifest.json"), again.toString(), null, 0);
        assertEquals("qnn-import-2026-11-22-2", r2.sourceId());
        assertEquals(3, r2.replaced().size());
        assertEquals(r2.sourceId(), point(r2.profile(), "npu", OpKind.NORM, DType.FP16, 16, 1, 64).source());
    }

    @Test
    void aFileNamingNoModelIsRefusedWithTheKnownNames() throws IOException {
        Path manifest = manifest(model("tiny-c16", 16, 64), model("tiny-c32", 32, 64));
        Path other = csv("ffn-c16.csv");
        UserInputException e = assertThrows(UserInputException.class, () -> run(List.of(other), manifest, "sd8gen3", null, 1));
        assertTrue(e.getMessage().contains("ffn-c16.csv") && e.getMessage().contains("'ffn-c16'") && e.getMessage().contains("tiny-c16, tiny-c32"),
                e.getMessage());
    }

    @Test
    void aCsvOfAnotherModelIsRefusedWithTheLineWhatWasExpectedAndTheModelsItFits() throws IOException {
        // tiny-c16-2: tiny-c16 without the k projection (as llm.npu's last layer lacks the next layer's Q/K/V)
        QnnModelManifest.Model full = model("tiny-c16", 16, 64);
        QnnModelManifest.Model smaller = new QnnModelManifest.Model("tiny-c16-2", "tiny-c16-2.onnx", "00", "qkv", 16, List.of(1),
                List.of(full.ops().get(0), full.ops().get(1)), List.of("op0.norm.square", "op0.norm.scale", "op1.q_proj.quantize_input",
                "op1.q_proj.matmul"));
        Path manifest = manifest(full, smaller);
        Path ofSmaller = dir.resolve("tiny-c16.csv");
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv("x.csv"))) {
            if (!line.contains("op2.k_proj") && !line.contains("op3.dequant")) rows.add(line);
        }
        Files.write(ofSmaller, rows);
        QnnProfileException e = assertThrows(QnnProfileException.class, () -> run(List.of(ofSmaller), manifest, "sd8gen3", null, 1));
        int firstExecute = rows.indexOf(rows.stream().filter(l -> l.contains(",EXECUTE,")).findFirst().orElseThrow()) + 1;
        assertTrue(e.getMessage().startsWith(ofSmaller + ":" + firstExecute + ": the execution ending here has no node of op 2 (k_proj,"
                + " LINEAR; nodes op2.k_proj.*), op 3 (dequant, DEQUANTIZE; nodes op3.dequant.*), which model tiny-c16 computes"), e.getMessage());
        assertTrue(e.getMessage().contains("the file's nodes fit model tiny-c16-2 of the manifest"), e.getMessage());

        // the other way round: the larger model's nodes are not all the smaller one's
        Path ofFull = csv("tiny-c16-2.csv");
        e = assertThrows(QnnProfileException.class, () -> run(List.of(ofFull), manifest, "sd8gen3", null, 1));
        assertTrue(e.getMessage().contains("node \"op2.k_proj.matmul\" of the execution ending here is not a node of model tiny-c16-2")
                && e.getMessage().contains("fit model tiny-c16 of the manifest"), e.getMessage());
    }

    @Test
    void aBadCsvLineIsReportedWithFileAndLine() throws IOException {
        Path manifest = manifest(model("tiny-c16", 16, 64));
        Path bad = csv("tiny-c16.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(bad));
        lines.set(6, lines.get(6).replace(",100,", ",1x0,"));
        Files.write(bad, lines);
        QnnProfileException e = assertThrows(QnnProfileException.class, () -> run(List.of(bad), manifest, "sd8gen3", null, 1));
        assertTrue(e.getMessage().startsWith(bad + ":7: ") && e.getMessage().contains("1x0"), e.getMessage());
    }

    @Test
    void aProcessorLackingAModelsDtypeIsRefused() throws IOException {
        Path manifest = manifest(model("tiny-c16", 16, 64));
        Path csv = csv("tiny-c16.csv");
        UserInputException e = assertThrows(UserInputException.class, () -> run(List.of(csv), manifest, "sd8gen3", "gpu", 1));
        assertTrue(e.getMessage().contains("processor gpu of sd8gen3 computes [FP16, FP32]") && e.getMessage().contains("INT8"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> run(List.of(csv), manifest, "sd8gen3", "dsp", 1));
        assertTrue(e.getMessage().contains("no processor 'dsp'") && e.getMessage().contains("npu, cpu, gpu"), e.getMessage());
        // the CPU computes INT8 and FP16: allowed, and the points go to it
        QnnProfileImport.Result r = run(List.of(csv), manifest, "sd8gen3", "cpu", 1);
        assertEquals(125_000, point(r.profile(), "cpu", OpKind.NORM, DType.FP16, 16, 1, 64).latencyNs(), 1e-3);
    }

    @Test
    void tooFewExecutionsForTheWarmUpIsAUserError() throws IOException {
        Path manifest = manifest(model("tiny-c16", 16, 64));
        Path csv = csv("tiny-c16.csv");
        UserInputException e = assertThrows(UserInputException.class, () -> run(List.of(csv), manifest, "sd8gen3", null, 4));
        assertTrue(e.getMessage().contains("holds 4 executions") && e.getMessage().contains("--warmup-executions 4"), e.getMessage());
    }

    @Test
    void badRequestsAndManifestsAreUserErrors() throws IOException {
        Path csv = csv("tiny-c16.csv");
        UserInputException e = assertThrows(UserInputException.class,
                () -> new QnnProfileImport.Request(List.of(csv, csv), dir, "sd8gen3", " ", -1, null, null));
        assertTrue(e.getMessage().contains("given twice") && e.getMessage().contains("processor name is empty")
                && e.getMessage().contains("must be >= 0, got -1"), e.getMessage());
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"hetsched-qnn-models/1\", \"models\": [{\"name\": \"a.b\"}]}");
        e = assertThrows(UserInputException.class, () -> run(List.of(csv), dir, "sd8gen3", null, 1));
        assertTrue(e.getMessage().startsWith(dir.resolve("manifest.json") + ": ") && e.getMessage().contains("$.models[0].name")
                && e.getMessage().contains("$.models[0].ops: missing") && e.getMessage().contains("$.plan: missing"), e.getMessage());
        Path manifest = manifest(model("tiny-c16", 16, 64));
        e = assertThrows(UserInputException.class, () -> run(List.of(csv), manifest, "sd9gen9", null, 1));
        assertTrue(e.getMessage().contains("sd9gen9") && e.getMessage().contains("sd8gen3"), e.getMessage());
    }
}
