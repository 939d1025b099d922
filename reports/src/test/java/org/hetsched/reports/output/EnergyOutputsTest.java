package org.hetsched.reports.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.reports.chart.FigureChecks;
import org.hetsched.reports.sweep.Comparison;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.reports.table.ComparisonTable;
import org.hetsched.reports.table.MetricsJson;
import org.hetsched.reports.table.SummaryTable;
import org.hetsched.scheduler.PolicyOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Energy appears in metrics.json, the comparison tables and the energy chart exactly when every processor used has a power figure. */
class EnergyOutputsTest {
    /** Made up for the test: only the arithmetic is checked. */
    private static final Map<String, Double> POWER_W = Map.of("npu", 2.0, "cpu", 5.0, "gpu", 3.0);
    private static final List<String> POLICIES = List.of("in-order", "ooe", "heft");

    /** sd8gen3 written to {@code dir} with power figures on {@code processors}. */
    private static String profile(Path dir, List<String> processors) throws IOException {
        JsonNode root;
        try (InputStream in = ProfileCatalog.class.getResourceAsStream("devices/sd8gen3-bottom-up.json")) {
            root = new ObjectMapper().readTree(in);
        }
        ((ObjectNode) root.get("sources")).put("test-power", "Made up for a test.");
        for (JsonNode p : root.get("processors")) {
            String name = p.get("name").asText();
            if (processors.contains(name)) ((ObjectNode) p).putObject("powerW").put("value", POWER_W.get(name)).put("source", "test-power");
        }
        Path file = dir.resolve("powered-" + String.join("-", processors) + ".json");
        Files.writeString(file, root.toString());
        return file.toString();
    }

    private static WorkloadRequest request(String device) {
        return new WorkloadRequest("qwen1.5-1.8b", device, "llm.npu", null, 64, 32, null, false, true);
    }

    @Test
    void everyOutputShowsEnergyWhenEveryUsedProcessorHasPower(@TempDir Path dir) throws IOException {
        String device = profile(dir, List.of("npu", "cpu", "gpu"));
        SimulationResult run = Simulation.run(request(device), "in-order", PolicyOptions.DEFAULTS);
        Metrics m = run.metrics();
        double expected = 0;
        for (ProcessorUsage u : m.processors()) expected += POWER_W.get(u.processor()) * u.busyNs() / 1e9;
        assertEquals(expected, m.energyJ().getAsDouble(), expected * 1e-12);
        JsonNode json = MetricsJson.toJson(run);
        assertEquals(m.energyJ().getAsDouble(), json.get("energyJ").asDouble());
        assertEquals(m.energyJ().getAsDouble() / 64, json.get("energyJPerPromptToken").asDouble(), expected * 1e-12);
        assertTrue(SummaryTable.format(run).contains(" J while busy, "), SummaryTable.format(run));

        ComparisonResult comparison = Comparison.run(request(device), POLICIES, PolicyOptions.DEFAULTS);
        assertTrue(ComparisonTable.csv(comparison).startsWith(
                "policy,makespanMs,tokensPerSecond,speedup,lowerBoundMs,lowerBoundBasis,gapToLowerBound,optimumMs,gapToOptimum,"
                        + "bubbleRate,utilization_npu,utilization_cpu,utilization_gpu,decisions,energyJ,energyJPerPromptToken\r\n"));
        JsonNode rows = new ObjectMapper().readTree(ComparisonTable.json(comparison));
        for (int i = 0; i < POLICIES.size(); i++) {
            assertEquals(comparison.runs().get(i).metrics().energyJ().getAsDouble(), rows.get(i).get("energyJ").asDouble());
        }
        NamedChart energy = RunOutputs.comparisonCharts(comparison).stream().filter(c -> c.fileBase().equals("energy"))
                .findFirst().orElseThrow();
        assertEquals(List.of(), FigureChecks.inkAtEdges(energy.chart()));
        assertTrue(RunOutputs.comparison(comparison).writeTo(dir.resolve("out")) != null);
        assertTrue(Files.exists(dir.resolve("out/charts/energy.svg")));
    }

    @Test
    void noOutputShowsEnergyWhenAUsedProcessorHasNoPower(@TempDir Path dir) throws IOException {
        for (String device : List.of("sd8gen3-bottom-up", profile(dir, List.of("npu", "gpu")))) {
            SimulationResult run = Simulation.run(request(device), "in-order", PolicyOptions.DEFAULTS);
            assertFalse(run.metrics().energyJ().isPresent(), device);
            assertFalse(MetricsJson.toJson(run).has("energyJ"), device);
            assertFalse(MetricsJson.toJson(run).has("energyJPerPromptToken"), device);
            assertFalse(SummaryTable.format(run).contains("energy"), device);
            ComparisonResult comparison = Comparison.run(request(device), POLICIES, PolicyOptions.DEFAULTS);
            assertFalse(ComparisonTable.csv(comparison).contains("energy"), device);
            assertFalse(ComparisonTable.json(comparison).contains("energy"), device);
            assertTrue(RunOutputs.comparisonCharts(comparison).stream().noneMatch(c -> c.fileBase().equals("energy")), device);
        }
    }
}
