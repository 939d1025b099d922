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
import org.hetsched.core.trace.Metrics;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.reports.sweep.Comparison;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.reports.table.ComparisonTable;
import org.hetsched.reports.table.MetricsJson;
import org.hetsched.reports.table.SummaryTable;
import org.hetsched.scheduler.PolicyOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prefill setup appears in metrics.json and the comparison tables exactly when the profile has one. */
class SetupOutputsTest {
    private static final List<String> POLICIES = List.of("in-order", "ooe");

    /** sd8gen3 written to {@code dir} with a made-up 600 ms setup per prefill (only the plumbing is checked). */
    private static String withSetup(Path dir) throws IOException {
        JsonNode root;
        try (InputStream in = ProfileCatalog.class.getResourceAsStream("devices/sd8gen3-bottom-up.json")) {
            root = new ObjectMapper().readTree(in);
        }
        ((ObjectNode) root.get("sources")).put("test-setup", "Made up for a test.");
        ((ObjectNode) root).putObject("prefill").putObject("setupMs").put("value", 600).put("source", "test-setup");
        Path file = dir.resolve("setup.json");
        Files.writeString(file, root.toString());
        return file.toString();
    }

    private static WorkloadRequest request(String device) {
        return new WorkloadRequest("qwen1.5-1.8b", device, "llm.npu", null, 64, 32, null, false, false);
    }

    @Test
    void everyOutputShowsTheSetupAndThePrefillTimeWhenTheProfileHasOne(@TempDir Path dir) throws IOException {
        SimulationResult plain = Simulation.run(request("sd8gen3-bottom-up"), "in-order", PolicyOptions.DEFAULTS);
        SimulationResult run = Simulation.run(request(withSetup(dir)), "in-order", PolicyOptions.DEFAULTS);
        Metrics m = run.metrics();
        assertEquals(600_000_000, m.setupNs());
        assertEquals(plain.metrics().makespanNs(), m.makespanNs(), "the setup is outside the task graph");
        JsonNode json = MetricsJson.toJson(run);
        assertEquals(600.0, json.get("setupMs").asDouble());
        assertEquals(m.makespanNs() / 1e6 + 600, json.get("prefillMs").asDouble(), 1e-9);
        assertEquals(64 / (m.makespanNs() / 1e9 + 0.6), json.get("tokensPerSecond").asDouble(), 1e-9);
        assertTrue(SummaryTable.format(run).contains("setup 600.000 ms"), SummaryTable.format(run));

        ComparisonResult comparison = Comparison.run(request(withSetup(dir)), POLICIES, PolicyOptions.DEFAULTS);
        assertTrue(ComparisonTable.csv(comparison).startsWith(
                "policy,makespanMs,tokensPerSecond,speedup,lowerBoundMs,lowerBoundBasis,gapToLowerBound,optimumMs,gapToOptimum,"
                        + "bubbleRate,utilization_npu,utilization_cpu,utilization_gpu,decisions,setupMs,prefillMs\r\n"),
                ComparisonTable.csv(comparison));
        JsonNode rows = new ObjectMapper().readTree(ComparisonTable.json(comparison));
        for (int i = 0; i < POLICIES.size(); i++) assertEquals(600.0, rows.get(i).get("setupMs").asDouble());
    }

    @Test
    void noOutputShowsASetupWithoutOne() {
        SimulationResult run = Simulation.run(request("sd8gen3-bottom-up"), "in-order", PolicyOptions.DEFAULTS);
        assertEquals(0, run.metrics().setupNs());
        assertFalse(MetricsJson.toJson(run).has("setupMs"));
        assertFalse(MetricsJson.toJson(run).has("prefillMs"));
        assertFalse(SummaryTable.format(run).contains("setup"));
        ComparisonResult comparison = Comparison.run(request("sd8gen3-bottom-up"), POLICIES, PolicyOptions.DEFAULTS);
        assertFalse(ComparisonTable.csv(comparison).contains("setup"));
        assertFalse(ComparisonTable.json(comparison).contains("setup"));
    }
}
