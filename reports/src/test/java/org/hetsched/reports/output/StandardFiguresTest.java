package org.hetsched.reports.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hetsched.reports.chart.FacetGrid;
import org.hetsched.reports.chart.FigureChecks;
import org.hetsched.reports.sweep.SweepRow;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class StandardFiguresTest {
    private static final Map<String, Double> MODEL_MS = Map.of("qwen1.5-1.8b", 280.0, "gemma-2b", 300.0, "phi-2", 450.0,
            "llama-2-7b", 880.0, "mistral-7b", 900.0);
    private static final Map<String, Double> POLICY_FACTOR = Map.of("in-order", 1.0, "ooe", 0.97, "dmda", 0.9, "heft", 0.95);

    /**
     * Rows shaped like examples/sweeps/paper-prompts.yaml (5 models, 2 devices, 2 plans, 4 prompts,
     * 4 policies: 40 lines per device), with made-up makespans from 0.25 s to about 100 s.
     */
    static List<SweepRow> paperPrompts() {
        List<SweepRow> rows = new ArrayList<>();
        for (String model : List.of("qwen1.5-1.8b", "gemma-2b", "phi-2", "llama-2-7b", "mistral-7b")) {
            for (String device : List.of("sd8gen3", "sd8gen2")) {
                for (String plan : List.of("llm.npu", "cpu-only")) {
                    for (int prompt : List.of(64, 256, 1024, 2048)) {
                        for (String policy : List.of("in-order", "ooe", "dmda", "heft")) {
                            double ms = MODEL_MS.get(model) * (plan.equals("cpu-only") ? 10 : 1) * Math.max(1, prompt / 256.0)
                                    * POLICY_FACTOR.get(policy) * (device.equals("sd8gen2") ? 1.3 : 1);
                            rows.add(row(model, device, plan, policy, prompt, 256, ms));
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** Rows shaped like examples/sweeps/small.yaml: 3 prompts x 3 chunks x 3 policies per device. */
    static List<SweepRow> small() {
        List<SweepRow> rows = new ArrayList<>();
        for (String device : List.of("sd8gen3", "sd8gen2")) {
            for (int prompt : List.of(64, 256, 1024)) {
                for (int chunk : List.of(64, 128, 256)) {
                    for (String policy : List.of("in-order", "ooe", "heft")) {
                        rows.add(row("qwen1.5-1.8b", device, "llm.npu", policy, prompt, chunk,
                                (200 + prompt * (2.8 - chunk / 128.0)) * POLICY_FACTOR.get(policy)));
                    }
                }
            }
        }
        return rows;
    }

    private static SweepRow row(String model, String device, String plan, String policy, int prompt, int chunk, double makespanMs) {
        long ns = Math.round(makespanMs * 1e6);
        return new SweepRow(model, device, plan, policy, prompt, chunk, 42, ns, prompt / (ns / 1e9), 0, 100, 0.1, ns / 2,
                List.of("npu", "cpu", "gpu"), List.of(plan.equals("cpu-only") ? 0.0 : 0.6, 0.9, 0.0));
    }

    @Test
    void aSweepWithMoreLinesThanALegendCarriesGetsOnePanelPerModel() {
        List<NamedChart> charts = StandardFigures.forSweep(paperPrompts());
        NamedChart latency = charts.stream().filter(c -> c.fileBase().equals("latency-vs-prompt-sd8gen3")).findFirst().orElseThrow();
        FacetGrid grid = assertInstanceOf(FacetGrid.class, latency.chart());
        assertEquals(List.of("qwen1.5-1.8b", "gemma-2b", "phi-2", "llama-2-7b", "mistral-7b"),
                grid.panels().stream().map(FacetGrid.Panel::title).toList());
        for (FacetGrid.Panel p : grid.panels()) {
            XYChart panel = (XYChart) p.chart();
            assertEquals(8, panel.getSeriesMap().size(), "plan x policy in each panel");
            assertTrue(panel.getStyler().isYAxisLogarithmic(), "0.25 s to 100 s: a log axis");
        }
        assertEquals("latency (s)", grid.getYAxisTitle(), "latencies of 10 s and more in s, not 1.5E5 ms");
        assertTrue(latency.caption().contains("one panel per model"), latency.caption());
    }

    @Test
    void aSweepThatALegendCarriesStaysOneChart() {
        List<SweepRow> rows = small().stream().filter(r -> r.chunkTokens() == 256).toList();
        NamedChart latency = StandardFigures.forSweep(rows).get(0);
        XYChart chart = assertInstanceOf(XYChart.class, latency.chart());
        assertEquals(List.of("in-order", "ooe", "heft"), List.copyOf(chart.getSeriesMap().keySet()));
    }

    @Test
    void noStandardFigureRepeatsAStyleOrRunsOffItsEdges() {
        for (List<SweepRow> rows : List.of(paperPrompts(), small())) {
            for (NamedChart c : StandardFigures.forSweep(rows)) {
                assertEquals(List.of(), FigureChecks.repeatedStyles(c.chart()), c.fileBase() + ": series drawn alike");
                assertEquals(List.of(), FigureChecks.inkAtEdges(c.chart()), c.fileBase() + ": drawn up to the edge (text cut off)");
            }
        }
    }

    @Test
    void aShardWithoutTheFirstChunkAtTheLongestPromptStillGetsItsUtilisationChart() {
        // shard 1/4 of small.yaml's groups, say: 1024 tokens only with chunks 128 and 256
        List<SweepRow> rows = small().stream().filter(r -> !(r.promptTokens() == 1024 && r.chunkTokens() == 64)).toList();
        NamedChart utilization = StandardFigures.forSweep(rows).stream().filter(c -> c.fileBase().equals("utilization-sd8gen3"))
                .findFirst().orElseThrow();
        assertTrue(utilization.caption().contains("at 1024 prompt tokens, chunk 128"), utilization.caption());
    }

    @Test
    void aSweepTooBigForAFigureLeavesThoseChartsOutAndSaysWhy() {
        // 5 models x 4 plans x 10 prompts x 5 chunks x 10 policies on one device, as benchmarks/slurm-sweep/sweep-100k.yaml
        List<SweepRow> rows = new ArrayList<>();
        List<String> policies = List.of("in-order", "in-order-strict", "fifo", "ooe", "mllm-pipeline", "critical-path", "dmda", "heft",
                "peft", "random");
        for (String model : MODEL_MS.keySet().stream().sorted().toList()) {
            for (String plan : List.of("llm.npu", "cpu-only", "gpu-only", "npu-naive")) {
                for (int prompt = 64; prompt <= 640; prompt += 64) {
                    for (int chunk : List.of(32, 64, 128, 256, 512)) {
                        for (int p = 0; p < policies.size(); p++) {
                            rows.add(row(model, "sd8gen3", plan, policies.get(p), prompt, chunk, MODEL_MS.get(model) * prompt / chunk + p));
                        }
                    }
                }
            }
        }
        List<String> notDrawn = new ArrayList<>();
        List<NamedChart> charts = StandardFigures.forSweep(rows, notDrawn::add);
        assertEquals(List.of(), charts.stream().map(NamedChart::fileBase).toList(), "no chart can show this much: " + notDrawn);
        assertEquals(4, notDrawn.size(), notDrawn.toString());
        assertTrue(notDrawn.get(0).startsWith("latency-vs-prompt: 200 lines, more than"), notDrawn.get(0));
        assertTrue(notDrawn.stream().anyMatch(n -> n.startsWith("speedup: ") && n.contains("bar groups")), notDrawn.toString());
    }

    @Test
    void barGroupsBeyondTheTargetAreStillDrawnWhileTheirLabelsFitUpright() {
        // 16 prompt lengths, nothing else to split by: one chart of 16 groups, labels tilted
        List<SweepRow> rows = new ArrayList<>();
        for (int k = 1; k <= 16; k++) {
            for (String policy : List.of("in-order", "ooe")) rows.add(row("qwen1.5-1.8b", "sd8gen3", "llm.npu", policy, 64 * k, 64,
                    (100 + 10 * k) * POLICY_FACTOR.get(policy)));
        }
        List<String> notDrawn = new ArrayList<>();
        List<NamedChart> charts = StandardFigures.forSweep(rows, notDrawn::add);
        assertEquals(List.of(), notDrawn);
        NamedChart speedup = charts.stream().filter(c -> c.fileBase().equals("speedup")).findFirst().orElseThrow();
        assertEquals(List.of(), FigureChecks.inkAtEdges(speedup.chart()), "labels inside the figure");
    }

    @Test
    void splitTakesTheFewestEarliestAxesThatFit() {
        List<SweepRow> device = paperPrompts().stream().filter(r -> r.device().equals("sd8gen3")).toList();
        StandardFigures.Split split = StandardFigures.split(device,
                List.of(StandardFigures.Axis.MODEL, StandardFigures.Axis.PLAN, StandardFigures.Axis.CHUNK, StandardFigures.Axis.POLICY),
                StandardFigures.LINES_PER_PANEL);
        assertEquals(List.of(StandardFigures.Axis.MODEL), split.panels());
        assertEquals(List.of(StandardFigures.Axis.PLAN, StandardFigures.Axis.POLICY), split.series());
        StandardFigures.Split one = StandardFigures.split(device.subList(0, 4), List.of(StandardFigures.Axis.POLICY), 8);
        assertEquals(List.of(), one.panels(), "four policies fit one legend");
    }
}
