package org.hetsched.reports.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.hetsched.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepResultsTest {
    private static SweepRow row(String model, String device, String plan, String policy, long seed) {
        return new SweepRow(model, device, plan, policy, 64, 16, seed, 1_234_567, 51.8, 0, 12, 0.25, 1_000_000,
                List.of("npu", "cpu"), List.of(0.5, 0.125));
    }

    /** Names with a comma, a quote, a line feed and a CRLF: what a hand-split line broke on. */
    private static final List<SweepRow> AWKWARD = List.of(
            row("m,1", "say \"hi\"", "p\nq", "heft", 1),
            row("plain", "d\r\ne", "llm.npu", "in-order", 2));

    @Test
    void plainRowsAreWrittenAsBefore() {
        String text = new String(SweepResults.bytes(List.of(row("qwen1.5-1.8b", "sd8gen3", "llm.npu", "heft", 7))), StandardCharsets.UTF_8);
        assertEquals(SweepResults.HEADER + "\nqwen1.5-1.8b,sd8gen3,llm.npu,heft,64,16,7,1234567,51.8,0,12,0.25,1000000,npu;cpu,0.5;0.125\n",
                text);
    }

    @Test
    void quotedCommasQuotesAndLineBreaksSurviveWriteAndRead() {
        assertEquals(AWKWARD, SweepResults.parse(SweepResults.bytes(AWKWARD), Path.of("results.csv")));
    }

    @Test
    void mergeReadsShardsWhoseNamesHoldCommasQuotesAndLineBreaks(@TempDir Path dir) throws IOException {
        List<String> order = AWKWARD.stream().map(SweepResults::keyOf).toList();
        for (int s = 0; s < 2; s++) {
            Path shard = Files.createDirectories(dir.resolve("s" + s));
            byte[] results = SweepResults.bytes(List.of(AWKWARD.get(s)));
            Files.write(shard.resolve(SweepJob.RESULTS), results);
            try (OutputStream out = Files.newOutputStream(shard.resolve(SweepManifest.FILE))) {
                new SweepManifest("t", "f", new Shard(s, 2), order, null).withResults(SweepResults.digest(results)).write(out);
            }
        }
        List<SweepRow> merged = SweepJob.merge(List.of(dir.resolve("s1"), dir.resolve("s0")), dir.resolve("all"), SweepJob.Extras.NONE);
        assertEquals(AWKWARD, merged);
        assertEquals(AWKWARD, SweepResults.read(dir.resolve("all").resolve(SweepJob.RESULTS)));
    }

    @Test
    void aRowThatIsNotCsvIsRefusedWithFileAndLine() {
        byte[] bytes = (SweepResults.HEADER + "\n\"bad\"x,d\n").getBytes(StandardCharsets.UTF_8);
        UserInputException e = assertThrows(UserInputException.class, () -> SweepResults.parse(bytes, Path.of("r.csv")));
        assertTrue(e.getMessage().startsWith("r.csv: not CSV (line 2, column "), e.getMessage());
    }

    @Test
    void aRowWithTooFewFieldsNamesItsLine() {
        byte[] bytes = (SweepResults.HEADER + "\n\"a\nb\",c\n").getBytes(StandardCharsets.UTF_8);
        UserInputException e = assertThrows(UserInputException.class, () -> SweepResults.parse(bytes, Path.of("r.csv")));
        assertTrue(e.getMessage().startsWith("r.csv:2: malformed row (expected 15 fields, found 2)"), e.getMessage());
    }

    @Test
    void anotherHeaderIsRefused() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> SweepResults.parse("model,device\n".getBytes(StandardCharsets.UTF_8), Path.of("r.csv")));
        assertTrue(e.getMessage().startsWith("r.csv:1: not a hetsched results file"), e.getMessage());
    }

    private static SweepRow withEnergy(SweepRow r, double energyJ) {
        return new SweepRow(r.model(), r.device(), r.plan(), r.policy(), r.promptTokens(), r.chunkTokens(), r.seed(),
                r.makespanNs(), r.tokensPerSecond(), r.paddedTokens(), r.tasks(), r.bubbleRate(), r.lowerBoundNs(),
                r.processors(), r.utilization(), OptionalDouble.of(energyJ), OptionalDouble.of(energyJ / r.promptTokens()));
    }

    @Test
    void energyColumnsFollowWhenSomeRowHasEnergyWithEmptyCellsForTheOthers() {
        List<SweepRow> rows = List.of(withEnergy(row("m", "powered", "llm.npu", "heft", 1), 0.1),
                row("m", "sd8gen3", "llm.npu", "heft", 1));
        String text = new String(SweepResults.bytes(rows), StandardCharsets.UTF_8);
        assertEquals(SweepResults.HEADER + ",energyJ,energyJPerPromptToken\n"
                + "m,powered,llm.npu,heft,64,16,1,1234567,51.8,0,12,0.25,1000000,npu;cpu,0.5;0.125,0.1,0.0015625\n"
                + "m,sd8gen3,llm.npu,heft,64,16,1,1234567,51.8,0,12,0.25,1000000,npu;cpu,0.5;0.125,,\n", text);
        assertEquals(rows, SweepResults.parse(SweepResults.bytes(rows), Path.of("results.csv")));
    }

    @Test
    void energyColumnsWithoutAnyEnergyAreRefused() {
        String plain = new String(SweepResults.bytes(List.of(row("m", "d", "p", "heft", 1))), StandardCharsets.UTF_8);
        byte[] bytes = plain.replace("\n", ",energyJ,energyJPerPromptToken\n").replaceFirst(",energyJ,energyJPerPromptToken\n$", ",,\n")
                .getBytes(StandardCharsets.UTF_8);
        UserInputException e = assertThrows(UserInputException.class, () -> SweepResults.parse(bytes, Path.of("r.csv")));
        assertEquals("r.csv:1: energy columns, but no row has an energy", e.getMessage());
    }

    @Test
    void anEnergyPerTokenWithoutAnEnergyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SweepRow("m", "d", "p", "heft", 64, 16, 1, 1, 1, 0, 1, 0, 1,
                List.of("cpu"), List.of(1.0), OptionalDouble.empty(), OptionalDouble.of(1)));
    }
}
