package org.hetsched.cli;

import static org.hetsched.cli.CliRun.assertUserError;
import static org.hetsched.cli.CliRun.run;
import static org.hetsched.cli.CliRun.tinyConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hetsched.cli.CliRun.Result;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProfileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code profile export-models} and {@code profile import}, with a QNN CSV written here for one exported model. */
class ProfileImportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();



    /**
     * What QNN's HTP writes at level detailed for {@code executions} runs of a model with these nodes:
     * a FINALIZE row, then per execution each node's cycles (100 × its position + 100 × the run), QNN's
     * Input and Output nodes, the cycle and time totals (1 ns per cycle) and the execute time.
     */
    static String qnnCsv(List<String> nodes, int executions) {
        List<String> rows = new ArrayList<>();
        rows.add("Msg Timestamp,Message,Time,Unit of Measurement,Timing Source,Event Level,Event Identifier");
        rows.add("0,FINALIZE,30000,US,BACKEND,ROOT,QNN (finalize) time");
        for (int run = 0; run < executions; run++) {
            List<String> nodeRows = new ArrayList<>();
            long total = 0;
            nodeRows.add("0,NODE,1000,CYCLES,BACKEND,SUB-EVENT,Input OpId_2 (cycles)");
            total += 1000;
            for (int i = 0; i < nodes.size(); i++) {
                long cycles = 100L * (i + 1) + 100L * run;
                nodeRows.add("0,NODE," + cycles + ",CYCLES,BACKEND,SUB-EVENT," + nodes.get(i) + ":OpId_" + (10 + i) + " (cycles)");
                total += cycles;
            }
            nodeRows.add("0,NODE,1000,CYCLES,BACKEND,SUB-EVENT,Output OpId_3 (cycles)");
            total += 1000;
            rows.add("0,BACKEND," + total + ",CYCLES,BACKEND,ROOT,Accelerator (execute) time (cycles)");
            rows.addAll(nodeRows);
            rows.add("0,BACKEND," + total / 1000 + ",US,BACKEND,ROOT,Accelerator (execute) time");
            rows.add("0,EXECUTE," + (total / 1000 + 200) + ",US,BACKEND,ROOT,QNN (execute) time");
        }
        return String.join("\n", rows) + "\n";
    }

    @Test
    void exportWritesModelsAndManifestAndImportTurnsACsvIntoPointsSimulateUses(@TempDir Path dir) throws IOException {
        Path config = tinyConfig(dir);
        Path models = dir.resolve("models");
        Result export = run("profile", "export-models", "--model", config.toString(), "--chunks", "16", "--out", models.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("wrote " + models + ": 3 ONNX models"), export.out());
        assertTrue(export.out().contains("profile import --qnn-csv"), "says what to do next: " + export.out());
        try (Stream<Path> files = Files.list(models)) {
            assertEquals(List.of(".hetsched-files", "ffn-c16-2.onnx", "ffn-c16.onnx", "manifest.json", "qkv0-c16.onnx"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode manifest = JSON.readTree(models.resolve("manifest.json").toFile());
        assertEquals("hetsched-qnn-models/1", manifest.get("format").asText());
        assertEquals("llm.npu", manifest.get("plan").asText());
        JsonNode ffn = manifest.get("models").get(1);
        assertEquals("ffn-c16", ffn.get("name").asText());
        assertEquals(13, ffn.get("ops").size());
        assertEquals("INT8", ffn.get("ops").get(0).get("dtype").asText());
        assertTrue(Files.size(models.resolve("ffn-c16.onnx")) > 1000);

        List<String> nodes = new ArrayList<>();
        ffn.get("nodes").forEach(n -> nodes.add(n.asText()));
        Path csv = dir.resolve("ffn-c16.csv");
        Files.writeString(csv, qnnCsv(nodes, 4));
        Path out = dir.resolve("phone.json");
        Result imported = run("profile", "import", "--qnn-csv", csv.toString(), "--manifest", models.resolve("manifest.json").toString(),
                "--device", "sd8gen3", "--name", "my-phone", "--out", out.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("wrote " + out) && imported.out().contains("(3 executions used)"), imported.out());
        assertTrue(imported.out().contains("graph preparation: 30.000 ms per graph"), imported.out());
        DeviceProfile profile = ProfileReader.read(out);
        assertEquals("my-phone", profile.name());
        assertTrue(profile.sources().values().stream().anyMatch(s -> s.startsWith("Measured:") && s.contains("ffn-c16.csv")));

        Result before = run("simulate", "--device", "sd8gen3", "--model", config.toString(), "--prompt", "32", "--chunk", "16", "--format", "json");
        Result after = run("simulate", "--device", out.toString(), "--model", config.toString(), "--prompt", "32", "--chunk", "16", "--format", "json");
        assertEquals(0, after.exitCode(), after.err());
        List<String> analyticBefore = new ArrayList<>();
        JSON.readTree(before.out()).get("analyticFallback").forEach(n -> analyticBefore.add(n.asText()));
        List<String> analyticAfter = new ArrayList<>();
        JSON.readTree(after.out()).get("analyticFallback").forEach(n -> analyticAfter.add(n.asText()));
        for (String op : List.of("npu: NORM/FP16", "npu: ELEMENTWISE/FP16", "npu: ACTIVATION/FP16")) {
            assertTrue(analyticBefore.contains(op), analyticBefore.toString());
            assertFalse(analyticAfter.contains(op), "imported, so measured: " + analyticAfter);
        }
        assertEquals(30.0 * 3, JSON.readTree(after.out()).get("graphPreparationMs").asDouble(), 1e-9, "3 NPU graphs at the imported 30 ms");
    }

    @Test
    void importMistakesAreOneLineExitTwoAndWriteNothing(@TempDir Path dir) throws IOException {
        Path config = tinyConfig(dir);
        Path models = dir.resolve("models");
        assertEquals(0, run("profile", "export-models", "--model", config.toString(), "--chunks", "16", "--out", models.toString()).exitCode());
        Path manifest = models.resolve("manifest.json");
        Path out = dir.resolve("phone.json");

        Path unknown = dir.resolve("attention-c16.csv");
        Files.writeString(unknown, qnnCsv(List.of("op0.x.matmul"), 2));
        assertUserError(run("profile", "import", "--qnn-csv", unknown.toString(), "--manifest", manifest.toString(), "--device", "sd8gen3",
                "--out", out.toString()), "attention-c16.csv", "names no model", "qkv0-c16, ffn-c16, ffn-c16-2");

        Path bad = dir.resolve("qkv0-c16.csv");
        List<String> lines = new ArrayList<>(qnnCsv(List.of("op0.input_norm.square"), 2).lines().toList());
        lines.set(4, lines.get(4).replace(",CYCLES,", ",TICKS,"));
        Files.write(bad, lines);
        assertUserError(run("profile", "import", "--qnn-csv", bad.toString(), "--manifest", manifest.toString(), "--device", "sd8gen3",
                "--out", out.toString()), bad + ":5:", "TICKS");

        Files.writeString(bad, qnnCsv(List.of("op0.input_norm.square"), 2));
        assertUserError(run("profile", "import", "--qnn-csv", bad.toString(), "--manifest", manifest.toString(), "--device", "sd8gen3",
                "--processor", "gpu", "--out", out.toString()), "processor gpu of sd8gen3", "INT8");
        assertUserError(run("profile", "import", "--qnn-csv", bad.toString(), "--manifest", manifest.toString(), "--device", "sd8gen3",
                "--warmup-executions", "2", "--out", out.toString()), "holds 2 executions");
        assertUserError(run("profile", "import", "--qnn-csv", dir.resolve("none.csv").toString(), "--manifest", dir.resolve("none.json").toString(),
                "--device", "sd8gen3", "--out", dir.toString()), "none.csv is not a file", "is a directory");

        // the last layer's FFN (no next-layer Q/K/V) saved under the name of the first layer's
        JsonNode entries = JSON.readTree(manifest.toFile()).get("models");
        List<String> lastLayer = new ArrayList<>();
        entries.get(2).get("nodes").forEach(n -> lastLayer.add(n.asText()));
        assertEquals("ffn-c16-2", entries.get(2).get("name").asText());
        Path misnamed = dir.resolve("ffn-c16.csv");
        Files.writeString(misnamed, qnnCsv(lastLayer, 2));
        int firstExecute = qnnCsv(lastLayer, 2).lines().toList().indexOf(qnnCsv(lastLayer, 2).lines().filter(l -> l.contains(",EXECUTE,"))
                .findFirst().orElseThrow()) + 1;
        assertUserError(run("profile", "import", "--qnn-csv", misnamed.toString(), "--manifest", manifest.toString(), "--device", "sd8gen3",
                "--out", out.toString()), misnamed + ":" + firstExecute + ": the execution ending here has no node of op 9 (next_input_norm",
                "which model ffn-c16 computes", "the file's nodes fit model ffn-c16-2 of the manifest");
        assertFalse(Files.exists(out), "nothing written");

        assertUserError(run("profile", "export-models", "--model", config.toString(), "--chunks", "0", "--plan", "nope", "--out",
                manifest.toString()), "exists and is not a directory", "unknown plan 'nope'");
        assertUserError(run("profile", "--model", config.toString()), "--out FILE is required");
    }
}
