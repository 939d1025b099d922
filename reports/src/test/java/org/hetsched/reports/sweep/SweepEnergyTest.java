package org.hetsched.reports.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProcessorProfile;
import org.hetsched.profiles.format.ProfileJson;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.reports.chart.FigureChecks;
import org.hetsched.reports.output.NamedChart;
import org.hetsched.reports.output.StandardFigures;
import org.hetsched.reports.output.SweepOutputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.csv carries energy exactly when some row of the sweep has it, and merges keep it. */
class SweepEnergyTest {
    /** Made up for the test: only the arithmetic is checked. */
    private static final Map<String, Double> POWER_W = Map.of("npu", 2.0, "cpu", 5.0, "gpu", 3.0);
    private static final String POWERED = "powered.json";
    private static final String ENERGY_HEADER = SweepResults.HEADER + "," + String.join(",", SweepResults.ENERGY_COLUMNS);

    /** The built-in sd8gen3 with a power figure on every processor, written to {@code dir} as {@value #POWERED}. */
    private static void writePoweredProfile(Path dir) throws IOException {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(ProfileCatalog.builtIn().json("sd8gen3"));
        ProfileJson.putSource(root, "test-power", "Made up for a test.");
        for (JsonNode p : root.get("processors")) {
            ((ObjectNode) p).putObject("powerW").put("value", POWER_W.get(p.get("name").asText())).put("source", "test-power");
        }
        Path file = dir.resolve(POWERED);
        Files.writeString(file, ProfileJson.toText(root));
        DeviceProfile read = ProfileReader.read(file);
        for (ProcessorProfile p : read.processors()) assertEquals(POWER_W.get(p.name()), p.powerW().value(), p.name());
    }

    private static Path config(Path dir, String devices) throws IOException {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, """
                name: energy
                models: [qwen1.5-1.8b]
                devices: [%s]
                plans: [llm.npu]
                prompts: [64, 300]
                chunks: [64, 256]
                policies: [in-order, heft]
                seeds: [1]
                """.formatted(devices));
        return file;
    }

    private static String header(Path results) throws IOException {
        return Files.readString(results, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    }

    @Test
    void aSweepOverAPoweredProfileHasEnergyColumns(@TempDir Path dir) throws IOException {
        writePoweredProfile(dir);
        Path out = dir.resolve("out");
        List<SweepRow> rows = SweepJob.run(config(dir, POWERED), out, Shard.ALL, 2, SweepProgress.NONE, SweepOutputs.standard());
        assertEquals(8, rows.size());
        for (SweepRow r : rows) {
            double expectedJ = 0;
            for (int i = 0; i < r.processors().size(); i++) {
                expectedJ += POWER_W.get(r.processors().get(i)) * r.utilization().get(i) * r.makespanNs() / 1e9;
            }
            double energyJ = r.energyJ().getAsDouble();
            assertTrue(energyJ > 0, r.toString());
            assertEquals(expectedJ, energyJ, expectedJ * 1e-9, r.toString());
            assertEquals(energyJ / r.promptTokens(), r.energyJPerPromptToken().getAsDouble(), energyJ * 1e-12, r.toString());
        }
        Path results = out.resolve(SweepJob.RESULTS);
        assertEquals(ENERGY_HEADER, header(results));
        assertEquals(rows, SweepResults.read(results));
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).energyJ().getAsDouble(), json.get(i).get("energyJ").asDouble());
            assertEquals(rows.get(i).energyJPerPromptToken().getAsDouble(), json.get(i).get("energyJPerPromptToken").asDouble());
        }
        NamedChart energy = StandardFigures.forSweep(rows).stream().filter(c -> c.fileBase().equals("energy-vs-prompt"))
                .findFirst().orElseThrow();
        assertEquals(List.of(), FigureChecks.inkAtEdges(energy.chart()));
        assertTrue(Files.exists(out.resolve("charts/energy-vs-prompt.png")));
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<th scope=\"col\">energy (J)</th><th scope=\"col\">J/token</th>"), html);
        assertTrue(html.contains(String.format(Locale.ROOT, "<td class=\"num\">%.3f</td>", rows.get(0).energyJ().getAsDouble())), html);
    }

    @Test
    void shardsOfASweepWithAndWithoutEnergyMergeIntoExactlyTheUnshardedFolder(@TempDir Path dir) throws IOException {
        writePoweredProfile(dir);
        Path cfg = config(dir, "sd8gen3, " + POWERED);
        List<SweepRow> all = SweepJob.run(cfg, dir.resolve("all"), Shard.ALL, 2, SweepProgress.NONE, SweepJob.Extras.NONE);
        for (SweepRow r : all) assertEquals(r.device().equals(POWERED), r.energyJ().isPresent(), r.toString());
        List<Path> shards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shards.add(dir.resolve("s" + i));
            SweepJob.run(cfg, shards.get(i), new Shard(i, 3), 1, SweepProgress.NONE, SweepJob.Extras.NONE);
        }
        List<SweepRow> merged = SweepJob.merge(List.of(shards.get(1), shards.get(2), shards.get(0)), dir.resolve("merged"),
                SweepJob.Extras.NONE);
        assertEquals(all, merged);
        for (String file : List.of(SweepJob.RESULTS, SweepManifest.FILE)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("all").resolve(file)),
                    Files.readAllBytes(dir.resolve("merged").resolve(file)), file);
        }
        String text = Files.readString(dir.resolve("all").resolve(SweepJob.RESULTS), StandardCharsets.UTF_8);
        assertEquals(ENERGY_HEADER, text.lines().findFirst().orElseThrow());
        // rows without energy keep the columns, empty
        assertTrue(text.lines().filter(l -> l.contains(",sd8gen3,")).allMatch(l -> l.endsWith(",,")), text);
    }

    @Test
    void aSweepOnTheBuiltInSd8gen3HasNoEnergyColumns(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        List<SweepRow> rows = SweepJob.run(config(dir, "sd8gen3"), out, Shard.ALL, 2, SweepProgress.NONE, SweepJob.Extras.NONE);
        assertTrue(rows.stream().noneMatch(r -> r.energyJ().isPresent() || r.energyJPerPromptToken().isPresent()));
        Path results = out.resolve(SweepJob.RESULTS);
        assertEquals(SweepResults.HEADER, header(results));
        assertFalse(Files.readString(results, StandardCharsets.UTF_8).contains("energy"));
        assertArrayEquals(SweepResults.bytes(rows), Files.readAllBytes(results));
        assertTrue(StandardFigures.forSweep(rows).stream().noneMatch(c -> c.fileBase().startsWith("energy")));
    }
}
