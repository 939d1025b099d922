package org.hetsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.reports.ablation.Ablation;
import org.hetsched.reports.ablation.AblationStep;
import org.junit.jupiter.api.Test;

class AblationCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("step", "tokensPerSecond", "makespanMs", "plan", "policy", "chunkTokens",
            "graphPreparation", "shadowLayers", "definition", "speedupOverPrevious", "speedupOverCpu");

    @Test
    void printsTheFiveStepsInOrderWithExactlyTheDocumentedKeys() throws Exception {
        CliRun.Result r = CliRun.run("ablation", "--model", "gemma-2b", "--prompt", "512", "--chunk", "128", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode rows = JSON.readTree(r.out());
        assertEquals(List.of("cpu", "naive-npu", "chunk", "outlier", "ooe"), rows.findValuesAsText("step"));
        for (JsonNode row : rows) {
            Set<String> keys = new TreeSet<>();
            for (Iterator<String> it = row.fieldNames(); it.hasNext();) keys.add(it.next());
            assertEquals(new TreeSet<>(KEYS), keys, row.toString());
        }
        assertEquals(List.of("cpu-only", "npu-naive", "npu-naive", "llm.npu", "llm.npu"), rows.findValuesAsText("plan"));
        assertEquals(List.of("in-order", "in-order", "in-order", "in-order", "ooe"), rows.findValuesAsText("policy"));
        List<Integer> chunks = new ArrayList<>();
        rows.forEach(row -> chunks.add(row.get("chunkTokens").asInt()));
        assertEquals(List.of(128, 512, 128, 128, 128), chunks, "naive-npu's graphs are built for the whole prompt");
        List<Boolean> preparation = new ArrayList<>();
        rows.forEach(row -> preparation.add(row.get("graphPreparation").asBoolean()));
        assertEquals(List.of(false, true, false, false, false), preparation);
        assertTrue(rows.get(0).get("speedupOverPrevious").isNull());
        assertEquals(1.0, rows.get(0).get("speedupOverCpu").asDouble());
        assertEquals(0, rows.get(2).get("shadowLayers").size(), "npu-naive has no shadow subgraph");
        assertTrue(rows.get(3).get("shadowLayers").size() > 0, "llm.npu keeps the outliers of its default layers");
        assertEquals(rows.get(3).get("shadowLayers"), rows.get(4).get("shadowLayers"));
        for (int i = 1; i < rows.size(); i++) {
            double tps = rows.get(i).get("tokensPerSecond").asDouble();
            assertEquals(tps / rows.get(i - 1).get("tokensPerSecond").asDouble(), rows.get(i).get("speedupOverPrevious").asDouble(), 1e-12);
            assertEquals(tps / rows.get(0).get("tokensPerSecond").asDouble(), rows.get(i).get("speedupOverCpu").asDouble(), 1e-12);
        }
    }

    @Test
    void everyStepEqualsSimulateWithTheSamePlanPolicyAndOptions() throws Exception {
        String model = "qwen1.5-1.8b";
        int prompt = 600;
        int chunk = 256;
        CliRun.Result r = CliRun.run("ablation", "--model", model, "--device", "sd8gen2", "--prompt", "" + prompt, "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode rows = JSON.readTree(r.out());
        for (AblationStep step : AblationStep.values()) {
            WorkloadRequest request = Ablation.request(step, model, "sd8gen2", prompt, chunk);
            List<String> args = new ArrayList<>(List.of("simulate", "--model", model, "--device", "sd8gen2", "--plan", step.plan(),
                    "--policy", step.policy(), "--prompt", "" + prompt, "--chunk", "" + request.chunkTokens(), "--format", "json"));
            if (request.includeGraphPreparation()) args.add("--include-graph-prep");
            CliRun.Result simulated = CliRun.run(args.toArray(String[]::new));
            assertEquals(0, simulated.exitCode(), simulated.err());
            JsonNode metrics = JSON.readTree(simulated.out());
            JsonNode row = rows.get(step.ordinal());
            assertEquals(metrics.get("tokensPerSecond").asDouble(), row.get("tokensPerSecond").asDouble(), step.label());
            assertEquals(metrics.get("makespanMs").asDouble(), row.get("makespanMs").asDouble(), step.label());
            assertEquals(metrics.get("shadowLayers"), row.get("shadowLayers"), step.label());
            assertEquals(metrics.get("graphPreparationIncluded").asBoolean(), row.get("graphPreparation").asBoolean(), step.label());
        }
    }

    @Test
    void printsAReadableTableWithEveryStepAndItsDefinition() {
        CliRun.Result r = CliRun.run("ablation", "--prompt", "256");
        assertEquals(0, r.exitCode(), r.err());
        for (AblationStep step : AblationStep.values()) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(step.label() + " ")), step.label() + " row: " + r.out());
            assertTrue(r.out().contains(step.definition()), step.label() + " definition");
        }
        assertTrue(r.out().contains("tokens/s") && r.out().contains("makespan (ms)"), r.out());
    }

    @Test
    void refusesBadInputInOneLine() {
        CliRun.assertUserError(CliRun.run("ablation", "--model", "llama-9b"), "llama-9b");
        CliRun.assertUserError(CliRun.run("ablation", "--device", "pixel9"), "pixel9");
        CliRun.assertUserError(CliRun.run("ablation", "--prompt", "0"), "prompt", "0");
        CliRun.assertUserError(CliRun.run("ablation", "--prompt", "-5"), "prompt", "-5");
        CliRun.assertUserError(CliRun.run("ablation", "--chunk", "0"), "chunk", "0");
        CliRun.assertUserError(CliRun.run("ablation", "--model", "phi-2", "--prompt", "4096"), "4096", "context");
        CliRun.assertUserError(CliRun.run("ablation", "--prompt", "many"), "many");
    }
}
