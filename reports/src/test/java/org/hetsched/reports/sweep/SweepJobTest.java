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
        Files.write(results, lines);
        AtomicInteger updates = new AtomicInteger();
        List<SweepRow> again = SweepJob.run(cfg, out, Shard.ALL, 2, (done, total) -> updates.incrementAndGet(),
                SweepJob.Extras.NONE);
        assertEquals(123456789L, again.get(0).makespanNs());
        assertEquals(again.size(), updates.get());
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
