package org.hetsched.reports.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hetsched.reports.chart.FigureChecks;
import org.hetsched.reports.sweep.ChunkTuning;
import org.hetsched.reports.sweep.Comparison;
import org.hetsched.reports.sweep.PromptMix;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.reports.sweep.SweepProgress;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.scheduler.PolicyOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputsTest {
    /** Qwen1.5-1.8B on sd8gen3, 64 tokens in two chunks of 32: 110 tasks. */
    private static final WorkloadRequest SMALL =
            new WorkloadRequest("qwen1.5-1.8b", "sd8gen3", "llm.npu", null, 64, 32, null, false, false);

    @Test
    void everyChartIsWrittenAsSvgPngAndPdf(@TempDir Path dir) throws IOException {
        SimulationResult run = Simulation.run(SMALL, "in-order", PolicyOptions.DEFAULTS);
        RunOutputs.simulation(run).writeTo(dir);
        assertTrue(Files.readString(dir.resolve("charts/gantt.svg")).contains("<svg"));
        byte[] png = Files.readAllBytes(dir.resolve("charts/gantt.png"));
        assertEquals("PNG", new String(Arrays.copyOfRange(png, 1, 4), StandardCharsets.US_ASCII));
        byte[] pdf = Files.readAllBytes(dir.resolve("charts/gantt.pdf"));
        assertEquals("%PDF-", new String(Arrays.copyOf(pdf, 5), StandardCharsets.US_ASCII));
    }

    @Test
    void commandFiguresNeverRepeatAStyleOrRunOffTheirEdges() {
        List<NamedChart> charts = new ArrayList<>(RunOutputs.simulationCharts(Simulation.run(SMALL, "in-order", PolicyOptions.DEFAULTS)));
        charts.addAll(RunOutputs.comparisonCharts(Comparison.run(SMALL,
                List.of("in-order", "fifo", "ooe", "mllm-pipeline", "critical-path", "dmda", "heft", "cpop", "peft", "random"),
                PolicyOptions.DEFAULTS)));
        charts.addAll(RunOutputs.tuningCharts(ChunkTuning.run("qwen1.5-1.8b", "sd8gen3", "llm.npu", "in-order",
                PromptMix.uniform(List.of(64, 256, 1024)), ChunkTuning.DEFAULT_CHUNKS, 2, SweepProgress.NONE)));
        for (NamedChart c : charts) {
            assertEquals(List.of(), FigureChecks.repeatedStyles(c.chart()), c.fileBase() + ": series drawn alike");
            assertEquals(List.of(), FigureChecks.inkAtEdges(c.chart()), c.fileBase() + ": drawn up to the edge (text cut off)");
        }
    }
}
