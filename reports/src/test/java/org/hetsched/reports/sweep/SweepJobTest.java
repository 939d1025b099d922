package org.hetsched.reports.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hetsched.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepJobTest {
    private static final String CONFIG = """
            name: t
            models: [qwen1.5-1.8b]
            devices: [sd8gen3, sd8gen2]
            plans: [llm.npu, cpu-only]
            prompts: [64, 300]
            chunks: [64, 256]
            policies: [in-order, random]
            seeds: [1, 2]
            """;

    private static Path config(Path dir, String text) throws IOException {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void runsEveryPointInCanonicalOrder(@TempDir Path dir) throws IOException {
        List<SweepRow> rows = SweepJob.run(config(dir, CONFIG), dir.resolve("out"), Shard.ALL, 2, SweepProgress.NONE,
                SweepJob.Extras.NONE);
        assertEquals(2 * 2 * 2 * 2 * 2 * 2, rows.size());
        List<String> keys = SweepConfigReader.read(dir.resolve("sweep.yaml")).points().stream().map(SweepPoint::key).toList();
        assertEquals(keys, rows.stream().map(SweepResults::keyOf).toList());
        assertEquals(rows, SweepResults.read(dir.resolve("out").resolve(SweepJob.RESULTS)));
        SweepRow padded = rows.stream().filter(r -> r.promptTokens() == 300 && r.chunkTokens() == 256).findFirst().orElseThrow();
        assertEquals(212, padded.paddedTokens());
    }

    @Test
    void shardsMergeIntoExactlyTheUnshardedFolder(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, CONFIG);
        SweepJob.run(cfg, dir.resolve("all"), Shard.ALL, 2, SweepProgress.NONE, SweepJob.Extras.NONE);
        List<Path> shards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shards.add(dir.resolve("s" + i));
            SweepJob.run(cfg, shards.get(i), new Shard(i, 3), 1, SweepProgress.NONE, SweepJob.Extras.NONE);
        }
        SweepJob.merge(List.of(shards.get(2), shards.get(0), shards.get(1)), dir.resolve("merged"), SweepJob.Extras.NONE);
        for (String file : List.of(SweepJob.RESULTS, SweepManifest.FILE)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("all").resolve(file)),
                    Files.readAllBytes(dir.resolve("merged").resolve(file)), file);
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, CONFIG);
        SweepJob.run(cfg, dir.resolve("one"), Shard.ALL, 1, SweepProgress.NONE, SweepJob.Extras.NONE);
        SweepJob.run(cfg, dir.resolve("four"), Shard.ALL, 4, SweepProgress.NONE, SweepJob.Extras.NONE);
        assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(SweepJob.RESULTS)),
                Files.readAllBytes(dir.resolve("four").resolve(SweepJob.RESULTS)));
    }

    @Test
    void aRerunReusesTheRowsAlreadyThere(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, CONFIG);
        Path out = dir.resolve("out");
        SweepJob.run(cfg, out, Shard.ALL, 2, SweepProgress.NONE, SweepJob.Extras.NONE);
        // mark one row so that a recomputation would be visible
        Path results = out.resolve(SweepJob.RESULTS);
        List<String> lines = new ArrayList<>(Files.readAllLines(results));
        String[] f = lines.get(1).split(",");
        f[7] = "123456789";
        lines.set(1, String.join(",", f));
        String original = SweepManifest.read(out.resolve(SweepManifest.FILE)).resultsSha256();
        Files.write(results, lines);
        // the manifest records the marked file, as if an earlier run had computed it
        Path manifest = out.resolve(SweepManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace(original, SweepResults.digest(Files.readAllBytes(results))));
        AtomicInteger updates = new AtomicInteger();
        List<SweepRow> again = SweepJob.run(cfg, out, Shard.ALL, 2, (done, total) -> updates.incrementAndGet(),
                SweepJob.Extras.NONE);
        assertEquals(123456789L, again.get(0).makespanNs());
        assertEquals(again.size(), updates.get());
    }

    @Test
    void aRerunRecomputesRowsChangedAfterTheRun(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, CONFIG);
        Path out = dir.resolve("out");
        List<SweepRow> first = SweepJob.run(cfg, out, Shard.ALL, 2, SweepProgress.NONE, SweepJob.Extras.NONE);
        Path results = out.resolve(SweepJob.RESULTS);
        Files.writeString(results, Files.readString(results).replaceFirst("\n([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)[0-9]+,",
                "\n$1123456789,"));
        List<SweepRow> again = SweepJob.run(cfg, out, Shard.ALL, 2, SweepProgress.NONE, SweepJob.Extras.NONE);
        assertEquals(first, again);
        assertEquals(first, SweepResults.read(results));
    }

    /** A model given as a file counts by its content: after the file changes, a rerun computes every row again. */
    @Test
    void aRerunAfterAnInputFileChangedComputesEveryRowAgain(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("tiny/config.json");
        Files.createDirectories(model.getParent());
        String twoLayers = """
                {"model_type": "qwen2", "num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 4,
                 "num_key_value_heads": 4, "intermediate_size": 128, "vocab_size": 1000,
                 "max_position_embeddings": 4096, "hidden_act": "silu"}
                """;
        Files.writeString(model, twoLayers);
        Path cfg = config(dir, """
                name: files
                models: [tiny/config.json]
                devices: [sd8gen3]
                plans: [llm.npu]
                prompts: [64]
                chunks: [32]
                policies: [in-order]
                """);
        Path out = dir.resolve("out");
        List<SweepRow> first = SweepJob.run(cfg, out, Shard.ALL, 1, SweepProgress.NONE, SweepJob.Extras.NONE);
        String fingerprint = SweepManifest.read(out.resolve(SweepManifest.FILE)).fingerprint();

        Files.writeString(model, twoLayers.replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 4"));
        List<SweepRow> again = SweepJob.run(cfg, out, Shard.ALL, 1, SweepProgress.NONE, SweepJob.Extras.NONE);
        List<SweepRow> fresh = SweepJob.run(cfg, dir.resolve("fresh"), Shard.ALL, 1, SweepProgress.NONE, SweepJob.Extras.NONE);
        assertEquals(fresh, again);
        assertTrue(again.get(0).makespanNs() > first.get(0).makespanNs(), first + " vs " + again);
        assertFalse(fingerprint.equals(SweepManifest.read(out.resolve(SweepManifest.FILE)).fingerprint()));

        // the same content in another folder is the same sweep, so its shards still merge
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere.resolve("tiny"));
        Files.copy(model, elsewhere.resolve("tiny/config.json"));
        Path movedCfg = Files.copy(cfg, elsewhere.resolve("sweep.yaml"));
        SweepJob.run(movedCfg, elsewhere.resolve("out"), Shard.ALL, 1, SweepProgress.NONE, SweepJob.Extras.NONE);
        assertEquals(SweepManifest.read(out.resolve(SweepManifest.FILE)).fingerprint(),
                SweepManifest.read(elsewhere.resolve("out").resolve(SweepManifest.FILE)).fingerprint());
    }

    @Test
    void mergeRefusesTamperedOverlappingOrSelfOverwritingShards(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, CONFIG);
        Path s0 = dir.resolve("s0");
        Path s1 = dir.resolve("s1");
        SweepJob.run(cfg, s0, new Shard(0, 2), 1, SweepProgress.NONE, SweepJob.Extras.NONE);
        SweepJob.run(cfg, s1, new Shard(1, 2), 1, SweepProgress.NONE, SweepJob.Extras.NONE);
        byte[] s0Results = Files.readAllBytes(s0.resolve(SweepJob.RESULTS));
        byte[] s1Results = Files.readAllBytes(s1.resolve(SweepJob.RESULTS));

        UserInputException self = assertThrows(UserInputException.class,
                () -> SweepJob.merge(List.of(s0, s1), dir.resolve("x/../s1"), SweepJob.Extras.NONE));
        assertTrue(self.getMessage().contains("is one of the shard folders"), self.getMessage());
        assertArrayEquals(s1Results, Files.readAllBytes(s1.resolve(SweepJob.RESULTS)), "the input is untouched");

        // a hand-edited makespan
        Path results = s0.resolve(SweepJob.RESULTS);
        Files.writeString(results, new String(s0Results, java.nio.charset.StandardCharsets.UTF_8).replaceFirst(
                "\n([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)[0-9]+,", "\n$1123456789,"));
        UserInputException tampered = assertThrows(UserInputException.class,
                () -> SweepJob.merge(List.of(s0, s1), dir.resolve("m"), SweepJob.Extras.NONE));
        assertTrue(tampered.getMessage().contains(results + " was changed after its sweep wrote it"), tampered.getMessage());
        Files.write(results, s0Results);

        // shard 0 also holding one of shard 1's points, with a manifest that agrees
        String extra = new String(s1Results, java.nio.charset.StandardCharsets.UTF_8).lines().skip(1).findFirst().orElseThrow();
        byte[] overlapping = (new String(s0Results, java.nio.charset.StandardCharsets.UTF_8) + extra + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(results, overlapping);
        Path manifest = s0.resolve(SweepManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace(SweepResults.digest(s0Results), SweepResults.digest(overlapping)));
        UserInputException overlap = assertThrows(UserInputException.class,
                () -> SweepJob.merge(List.of(s0, s1), dir.resolve("m"), SweepJob.Extras.NONE));
        assertTrue(overlap.getMessage().contains("overlapping shards"), overlap.getMessage());
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void badConfigsNameTheFileAndEveryKeyBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("never");
        SweepConfigException e = assertThrows(SweepConfigException.class, () -> SweepJob.run(config(dir, """
                name: bad
                models: [qwen1.5-1.8b, phi-2]
                devices: []
                plans: [llm.npu]
                prompts: [64, 4096]
                chunks: 128
                policies: [in-order, oracle]
                speed: 11
                """), out, Shard.ALL, 1, SweepProgress.NONE, SweepJob.Extras.NONE));
        String m = e.getMessage();
        for (String part : List.of("sweep.yaml: ", "$.devices: must not be empty", "$.chunks: expected an array",
                "$.policies[1]: unknown policy 'oracle'", "$.speed: unknown field", "seeds",
                "$.prompts[1]: prompt length 4096 exceeds the max context of phi-2")) {
            assertTrue(m.contains(part), "missing '" + part + "' in: " + m);
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void mergeRefusesMissingRepeatedOrForeignShards(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, CONFIG);
        SweepJob.run(cfg, dir.resolve("s0"), new Shard(0, 2), 1, SweepProgress.NONE, SweepJob.Extras.NONE);
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Path otherCfg = other.resolve("sweep.yaml");
        Files.writeString(otherCfg, CONFIG.replace("name: t", "name: u"));
        SweepJob.run(otherCfg, dir.resolve("u1"), new Shard(1, 2), 1, SweepProgress.NONE, SweepJob.Extras.NONE);
        UserInputException missing = assertThrows(UserInputException.class,
                () -> SweepJob.merge(List.of(dir.resolve("s0")), dir.resolve("m"), SweepJob.Extras.NONE));
        assertTrue(missing.getMessage().contains("shard 1/2 is missing"), missing.getMessage());
        UserInputException foreign = assertThrows(UserInputException.class,
                () -> SweepJob.merge(List.of(dir.resolve("s0"), dir.resolve("u1")), dir.resolve("m"), SweepJob.Extras.NONE));
        assertTrue(foreign.getMessage().contains("another sweep"), foreign.getMessage());
        UserInputException repeated = assertThrows(UserInputException.class,
                () -> SweepJob.merge(List.of(dir.resolve("s0"), dir.resolve("s0")), dir.resolve("m"), SweepJob.Extras.NONE));
        assertTrue(repeated.getMessage().contains("repeats shard 0/2"), repeated.getMessage());
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void shardStringsAreChecked() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4"));
        assertThrows(UserInputException.class, () -> Shard.parse("4/4"));
        assertThrows(UserInputException.class, () -> Shard.parse("x"));
        assertThrows(UserInputException.class, () -> Shard.parse("1/0"));
    }
}
