package org.hetsched.reports.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hetsched.core.UserInputException;
import org.hetsched.core.trace.SimulatedAndMeasured;
import org.hetsched.core.trace.Trace;
import org.hetsched.reports.chart.ParityChart;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.reports.table.TaskResidualsTable;
import org.hetsched.reports.trace.ChromeTrace;
import org.hetsched.reports.trace.LabelledTrace;
import org.hetsched.scheduler.PolicyOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationOutputsTest {
    /** Qwen1.5-1.8B on sd8gen3, 64 tokens in two chunks of 32: 110 tasks. */
    private static final WorkloadRequest SMALL =
            new WorkloadRequest("qwen1.5-1.8b", "sd8gen3", "llm.npu", null, 64, 32, null, false, false);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path written;
    private static List<SimulatedAndMeasured> policies;

    @BeforeAll
    static void simulateAndWrite() {
        policies = new ArrayList<>();
        for (String policy : List.of("in-order", "heft")) {
            Trace sim = Simulation.run(SMALL, policy, PolicyOptions.DEFAULTS).trace();
            // stand-ins for measured replays: the schedule stretched by 10%, 30% and 5%
            policies.add(new SimulatedAndMeasured("qwen1.5-1.8b", sim, List.of(scaled(sim, 1.1), scaled(sim, 1.3), scaled(sim, 1.05))));
        }
        ValidationOutputs.files(policies, "[]\n", "policy\r\n").writeTo(written.resolve("a"));
    }

    private static Trace scaled(Trace trace, double factor) {
        int n = trace.graph().size();
        int[] processor = new int[n];
        long[] start = new long[n];
        long[] end = new long[n];
        for (int t = 0; t < n; t++) {
            processor[t] = trace.processorOf(t);
            start[t] = Math.round(trace.startNs(t) * factor);
            end[t] = Math.round(trace.endNs(t) * factor);
        }
        return new Trace(trace.costs(), trace.policy(), processor, start, end);
    }

    @Test
    void writesTablesResidualsTraceAndChartsPerPolicy() throws IOException {
        Path dir = written.resolve("a");
        for (String file : List.of("validation.json", "validation.csv", "residuals.csv", "perfetto.json", "charts/gantt-in-order.svg",
                "charts/gantt-in-order.png", "charts/gantt-heft.svg", "charts/gantt-heft.png", "charts/parity.svg", "charts/parity.png", "charts/ranking.svg", "charts/ranking.png")) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
        assertEquals("[]\n", Files.readString(dir.resolve("validation.json")), "the table as given");
        List<String> residuals = Files.readAllLines(dir.resolve("residuals.csv"));
        int tasks = policies.get(0).simulated().graph().size();
        assertEquals(String.join(",", TaskResidualsTable.COLUMNS), residuals.get(0));
        assertEquals(1 + 2 * 3 * tasks, residuals.size(), "one row per policy, run and task");
    }

    @Test
    void chartsAreWrittenAsPdfTooAndNeverRepeatAStyleOrRunOffTheirEdges() throws IOException {
        Path dir = written.resolve("a");
        for (String file : List.of("charts/gantt-in-order.pdf", "charts/gantt-heft.pdf", "charts/parity.pdf", "charts/ranking.pdf")) {
            assertTrue(Files.readString(dir.resolve(file), java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF-"), file);
        }
        for (NamedChart c : ValidationOutputs.charts(policies)) {
            assertEquals(List.of(), org.hetsched.reports.chart.FigureChecks.repeatedStyles(c.chart()), c.fileBase());
            assertEquals(List.of(), org.hetsched.reports.chart.FigureChecks.inkAtEdges(c.chart()), c.fileBase());
        }
    }

    @Test
    void theTraceHasOneProcessPerRunSimulatedFirst() throws IOException {
        JsonNode trace = JSON.readTree(written.resolve("a/perfetto.json").toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode e : trace.get("traceEvents")) {
            if (e.get("name").asText().equals("process_name")) names.add(e.get("args").get("name").asText());
        }
        List<String> expected = new ArrayList<>();
        for (String policy : List.of("in-order", "heft")) {
            for (String label : List.of("simulated", "measured run 1", "measured run 2", "measured run 3")) {
                expected.add(label + ": qwen1.5-1.8b on sd8gen3, " + policy);
            }
        }
        assertEquals(expected, names);
        assertEquals(8, trace.get("otherData").get("runs").size());
        List<LabelledTrace> runs = ValidationOutputs.traces(policies);
        assertEquals(policies.get(1).measured().get(2).makespanNs(), runs.get(7).trace().makespanNs());
    }

    @Test
    void theRankingChartHasOnePointPerPairWithTheMeasuredInterval() {
        List<ParityChart.ValueSeries> series = ValidationOutputs.ranking(policies);
        assertEquals(List.of("in-order over heft"), series.stream().map(ParityChart.ValueSeries::name).toList());
        ParityChart.Value v = series.get(0).values().get(0);
        double simulated = (double) policies.get(1).simulated().makespanNs() / policies.get(0).simulated().makespanNs();
        assertEquals(simulated, v.predicted(), 1e-12);
        // both policies' runs are their schedule stretched by the same factors: measured speedup = simulated
        assertEquals(simulated, v.published(), 1e-6);
        assertTrue(v.publishedLow() < v.published() && v.published() < v.publishedHigh(), v.toString());
        assertEquals(List.of("gantt-in-order", "gantt-heft", "parity", "ranking"),
                ValidationOutputs.charts(policies).stream().map(NamedChart::fileBase).toList());
        assertEquals(List.of("gantt-in-order", "parity"), ValidationOutputs.charts(policies.subList(0, 1)).stream()
                .map(NamedChart::fileBase).toList(), "one policy: no pair to rank");
    }

    @Test
    void parityPointsAreTheMedianOverRuns() {
        List<ParityChart.Series> series = ValidationOutputs.parity(policies);
        assertEquals(List.of("in-order", "heft"), series.stream().map(ParityChart.Series::name).toList());
        Trace sim = policies.get(0).simulated();
        ParityChart.Point first = series.get(0).tasks().get(0);
        long simNs = sim.endNs(0) - sim.startNs(0);
        assertEquals(simNs, first.simulatedNs());
        Trace median = policies.get(0).measured().get(0); // the ×1.1 run is the middle of ×1.05, ×1.1, ×1.3
        assertEquals(median.endNs(0) - median.startNs(0), first.measuredNs());
        assertEquals(median.makespanNs(), series.get(0).makespan().measuredNs());
        assertEquals(sim.makespanNs(), series.get(0).makespan().simulatedNs());
    }

    @Test
    void sameInputGivesIdenticalFiles(@TempDir Path dir) throws IOException {
        ValidationOutputs.files(policies, "[]\n", "policy\r\n").writeTo(dir);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(written.resolve("a"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertEquals(17, files.size(), "16 results and the list of the files written (OutputFiles.OWNED)");
        for (Path a : files) {
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(dir.resolve(written.resolve("a").relativize(a))), a.toString());
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("charts"), "a file where the charts folder goes");
        assertThrows(UserInputException.class, () -> ValidationOutputs.files(policies, "[]", "").writeTo(out));
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(out.resolve("charts")), left.toList(), "no table, trace or temporary file");
        }
    }

    @Test
    void tooManyRunsForOneTraceFileAreRejected() {
        assertEquals(ChromeTrace.MAX_RUNS / 2 - 1, ValidationOutputs.maxRuns(2));
        assertEquals(0, ValidationOutputs.maxRuns(ChromeTrace.MAX_RUNS));
        assertThrows(IllegalArgumentException.class, () -> ValidationOutputs.files(List.of(), "[]", ""));
        assertThrows(IllegalArgumentException.class,
                () -> ValidationOutputs.files(List.of(policies.get(0), policies.get(0)), "[]", ""));
    }
}
