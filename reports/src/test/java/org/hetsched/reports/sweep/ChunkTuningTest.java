package org.hetsched.reports.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkTuningTest {

    @Test
    void recommendsTheChunkWithTheSmallestExpectedLatency() {
        PromptMix mix = new PromptMix(Map.of(100, 3.0, 700, 1.0));
        ChunkTuning.Result r = ChunkTuning.run("qwen1.5-1.8b", "sd8gen3", "llm.npu", "in-order", mix,
                List.of(256, 64, 128), 2, SweepProgress.NONE);
        assertEquals(List.of(64, 128, 256), r.candidates().stream().map(ChunkTuning.Candidate::chunkTokens).toList());
        ChunkTuning.Candidate best = r.candidates().stream()
                .min((a, b) -> Double.compare(a.expectedLatencyNs(), b.expectedLatencyNs())).orElseThrow();
        assertEquals(best.chunkTokens(), r.recommendedChunk());
        for (ChunkTuning.Candidate c : r.candidates()) {
            // the expectation is the probability-weighted mean of the per-prompt makespans
            assertEquals(0.75 * c.makespanNsPerPrompt().get(0) + 0.25 * c.makespanNsPerPrompt().get(1),
                    c.expectedLatencyNs(), 1e-3);
            assertEquals(c.expectedLatencyNs() / (0.75 * 100 + 0.25 * 700), c.expectedNsPerToken(), 1e-6);
        }
    }

    @Test
    void paddingMakesAChunkLargerThanEveryPromptCostly() {
        ChunkTuning.Result r = ChunkTuning.run("qwen1.5-1.8b", "sd8gen3", "llm.npu", "in-order",
                PromptMix.uniform(List.of(64)), List.of(64, 1024), 1, SweepProgress.NONE);
        assertEquals(64, r.recommendedChunk());
        assertTrue(r.candidates().get(1).expectedLatencyNs() > r.candidates().get(0).expectedLatencyNs());
    }

    @Test
    void readsAPromptDistributionAndReportsItsBadLines(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("mix.csv");
        Files.writeString(good, "promptTokens,weight\n# from a trace\n512,3\n1800,1\n");
        PromptMix mix = PromptMix.read(good);
        assertEquals(List.of(512, 1800), mix.prompts());
        assertEquals(0.75, mix.probabilities()[0], 1e-12);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "512,0\n-3,1\nabc\n512,2\n512,1\n");
        UserInputException e = assertThrows(UserInputException.class, () -> PromptMix.read(bad));
        for (String part : List.of("bad.csv:1: weight must be > 0", "bad.csv:2: prompt length must be > 0",
                "bad.csv:3: 'abc'", "bad.csv:5: prompt length 512 is listed twice")) {
            assertTrue(e.getMessage().contains(part), part + " in " + e.getMessage());
        }
    }

    @Test
    void badInputIsRefusedBeforeAnyWork() {
        assertThrows(UserInputException.class, () -> ChunkTuning.run("phi-2", "sd8gen3", "llm.npu", "in-order",
                PromptMix.uniform(List.of(4096)), List.of(256), 1, SweepProgress.NONE));
        assertThrows(UserInputException.class, () -> ChunkTuning.run("qwen1.5-1.8b", "sd8gen3", "llm.npu", "in-order",
                PromptMix.uniform(List.of(64)), List.of(0), 1, SweepProgress.NONE));
        assertThrows(UserInputException.class, () -> PromptMix.uniform(List.of(64, 64)));
    }
}
