package org.hetsched.backend.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.backend.replay.ReplayRequest;
import org.hetsched.core.UserInputException;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.calibrate.CoRunMeasurement;
import org.hetsched.profiles.calibrate.Measurement;
import org.hetsched.profiles.calibrate.ProfileWriter;
import org.hetsched.profiles.calibrate.Provenance;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.format.ContentionSlowdown;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.MeasuredOn;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.load.ModelResolver;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.WorkloadRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCalibrationTest {
    private static final Provenance PROVENANCE = new Provenance("testhost", "amd64", "Test CPU", Instant.parse("2026-11-21T00:00:00Z"), "0.1.0");

    private static HostCalibration.Request request(List<Integer> chunks, int repetitions, int warmup) {
        return new HostCalibration.Request(TestModels.tiny(2), TestPlans.llmNpu(), chunks, repetitions, warmup, 1, 64L << 20);
    }

    @Test
    void rejectsZeroRepetitionsAndEmptyChunksTogether() {
        UserInputException e = assertThrows(UserInputException.class, () -> request(List.of(), 0, -1));
        assertTrue(e.getMessage().contains("chunk sizes must not be empty"), e.getMessage());
        assertTrue(e.getMessage().contains("repetitions must be >= 1, got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("warm-up runs must be >= 0, got -1"), e.getMessage());
    }

    @Test
    void rejectsNonPositiveAndRepeatedChunks() {
        UserInputException e = assertThrows(UserInputException.class, () -> request(List.of(16, 0, 16), 3, 1));
        assertTrue(e.getMessage().contains("chunk size must be >= 1 token, got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("repeat"), e.getMessage());
    }

    @Test
    @Tag("native")
    void writtenProfileLoadsAndPricesTheMeasuredShapesWithinTheirSpread(@TempDir Path dir) throws Exception {
        HostCalibration.Result result = HostCalibration.run(request(List.of(8, 16), 7, 2), PROVENANCE);
        Path file = dir.resolve("host.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            result.writeProfile(out);
        }
        DeviceProfile profile = ProfileReader.read(file);
        assertEquals(HostBackend.lanes().processors().stream().map(Processor::name).toList(),
                profile.platform().processors().stream().map(Processor::name).toList());
        for (JsonNode source : result.profile().get("sources")) {
            String text = source.asText();
            assertFalse(text.isBlank());
        }
        assertTrue(result.profile().get("sources").toString().contains("testhost (amd64, Test CPU), 2026-11-21T00:00:00Z, hetsched 0.1.0"));
        assertEquals(new MeasuredOn("host", TestModels.tiny(2).name(), MeasuredOn.shapeOf(TestModels.tiny(2)), "test-llm.npu", List.of(8, 16),
                "testhost", "amd64", "Test CPU", Instant.parse("2026-11-21T00:00:00Z"), "0.1.0"), profile.measuredOn(),
                "what was measured, machine-readable");

        Map<String, Double> writtenNs = new HashMap<>();
        for (JsonNode entry : result.profile().get("costs")) {
            for (JsonNode p : entry.get("points")) {
                writtenNs.put(entry.get("processor").asText() + "/" + entry.get("kind").asText() + "/" + entry.get("dtype").asText() + "/"
                        + p.get("batch").asInt() + "x" + p.get("m").asInt() + "x" + p.get("k").asInt() + "x" + p.get("n").asInt(),
                        p.get("latencyMs").asDouble() * 1e6);
            }
        }
        ProfileCostModel costs = new ProfileCostModel(profile);
        int checked = 0;
        for (Measurement m : result.measurements()) {
            Task task = taskWith(m);
            Processor lane = costs.platform().processor(m.processor());
            TaskCost cost = costs.cost(task, lane);
            assertTrue(cost.supported(), m.toString());
            String key = lane.name() + "/" + m.kind() + "/" + m.dtype() + "/" + m.batch() + "x" + m.m() + "x" + m.k() + "x" + m.n();
            double written = writtenNs.get(key);
            // the profile may average a point with its neighbours in m (format rule 11); that shift is part of the allowance
            double allowance = 3 * m.summary().madNs() + Math.abs(written - m.summary().medianNs()) + 1;
            assertEquals(m.summary().medianNs(), cost.durationNs(), allowance, key);
            checked++;
        }
        assertTrue(checked > 10, "measured " + checked + " shapes");
        assertTrue(result.handoffNs().medianNs() >= 0);
    }

    @Test
    @Tag("native")
    void coRunSlowdownsAreWellFormedEntriesOfBothDirectionsAndTheSkipLeavesNone(@TempDir Path dir) throws Exception {
        HostCalibration.Result result = HostCalibration.run(request(List.of(8, 16), 3, 1), PROVENANCE);
        Path file = dir.resolve("host.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            result.writeProfile(out);
        }
        DeviceProfile profile = ProfileReader.read(file);
        assertFalse(result.contention().isEmpty());
        assertEquals(result.contention().size(), profile.contention().size(), "one entry per measured pair of roles");
        Set<String> directions = new HashSet<>();
        for (int i = 0; i < profile.contention().size(); i++) {
            ContentionSlowdown entry = profile.contention().get(i);
            CoRunMeasurement measured = result.contention().get(i);
            directions.add(entry.victim() + "<-" + entry.aggressor());
            assertEquals(HostBackend.lanes().processor(measured.victim()).name(), entry.victim());
            assertEquals(measured.victimRole(), entry.victimRole());
            assertEquals(measured.aggressorRole(), entry.aggressorRole());
            double s = entry.slowdown().value();
            assertTrue(Double.isFinite(s) && s >= 0, entry.toString());
            assertEquals(measured.written(), s);
            assertTrue(Double.isFinite(measured.slowdown()) && measured.pairs() == 3, measured.toString());
            String source = profile.sources().get(entry.slowdown().source());
            assertTrue(source.contains("Measured on host testhost") && source.contains("bootstrap 95% interval"), source);
            assertEquals(!measured.significant(), source.contains("written as 0"), source);
        }
        assertEquals(Set.of("npu<-cpu", "cpu<-npu"), directions);

        HostCalibration.Result skipped = HostCalibration.run(new HostCalibration.Request(TestModels.tiny(2), TestPlans.llmNpu(), List.of(8),
                1, 0, 1, 64L << 20, false), PROVENANCE);
        assertTrue(skipped.contention().isEmpty());
        assertFalse(skipped.profile().has("contention"));
    }

    @Test
    @Tag("native")
    void aProfileWithMeasuredContentionRoundTripsAndTheEngineAppliesIt(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"model_type": "qwen2", "num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 4,
                 "num_key_value_heads": 2, "intermediate_size": 128, "vocab_size": 1000,
                 "max_position_embeddings": 4096, "hidden_act": "silu"}
                """);
        ModelSpec model = new ModelResolver().resolve(config.toString());
        HostCalibration.Result result = HostCalibration.run(new HostCalibration.Request(model, PlanCatalog.builtIn().get("llm.npu"),
                List.of(16), 1, 0, 1, 64L << 20, false), PROVENANCE);
        // co-run samples of a clear slowdown each way (not timed: the engine's part is under test here)
        List<CoRunMeasurement> coRuns = new ArrayList<>();
        long[] solo = {1000, 1010, 990, 1000, 1005};
        long[] co = {2000, 2010, 1990, 2000, 2005};
        for (SubgraphRole r : List.of(SubgraphRole.ATTENTION, SubgraphRole.SHADOW, SubgraphRole.PROLOGUE, SubgraphRole.EPILOGUE)) {
            coRuns.add(new CoRunMeasurement(1, r, 0, SubgraphRole.LINEAR, solo, co));
            coRuns.add(new CoRunMeasurement(0, SubgraphRole.LINEAR, 1, r, solo, co));
        }
        ProfileWriter.addContention(result.profile(), HostBackend.lanes(), coRuns, PROVENANCE, "in a test");
        Path file = dir.resolve("host.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            result.writeProfile(out);
        }
        DeviceProfile profile = ProfileReader.read(file);
        assertEquals(8, profile.contention().size());
        for (ContentionSlowdown c : profile.contention()) assertEquals(1.0, c.slowdown().value(), 1e-9, c.toString());

        WorkloadRequest with = new WorkloadRequest(config.toString(), file.toString(), "llm.npu", null, 64, 16, null, false, false);
        long contended = ReplayRequest.of(with, "heft", 1, 64L << 20).simulate().makespanNs();
        long free = ReplayRequest.of(with.withContention(false), "heft", 1, 64L << 20).simulate().makespanNs();
        assertTrue(contended > free, "contention lengthens the overlapping tasks: " + contended + " vs " + free);
    }

    /** A one-op task whose subgraph is that of a graph task holding the measured shape, so it gets the measured dtype. */
    private static Task taskWith(Measurement m) {
        for (int chunk : List.of(8, 16)) {
            TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(),
                    chunk * HostCalibration.CHUNKS_PER_GRAPH, chunk));
            Processor lane = HostBackend.lanes().processor(m.processor());
            for (Task t : graph.tasks()) {
                if (Eligibility.reason(t, lane) != null) continue;
                for (Op op : t.ops()) {
                    if (op.kind() == m.kind() && op.batch() == m.batch() && op.m() == m.m() && op.k() == m.k() && op.n() == m.n()
                            && t.subgraph().placementOn(lane.kind()).dtypeOf(op.kind()) == m.dtype()) {
                        return new Task(t.id(), t.chunk(), t.subgraph(), List.of(op), t.shapeClass(), t.staticGraph());
                    }
                }
            }
        }
        throw new AssertionError("no task holds " + m);
    }

    @Test
    void aProfiledPromptSetsEveryGraphsTokensAndMustHoldEachChunk() {
        HostCalibration.Request twoChunks = new HostCalibration.Request(TestModels.tiny(2), TestPlans.llmNpu(), List.of(8, 16), 1, 0, 1,
                64L << 20, false);
        assertEquals(List.of(2, 2), HostCalibration.graphs(twoChunks).stream().map(TaskGraph::chunks).toList());
        HostCalibration.Request prompt = new HostCalibration.Request(TestModels.tiny(2), TestPlans.llmNpu(), List.of(8, 16), 1, 0, 1,
                64L << 20, false, 48);
        assertEquals(List.of(6, 3), HostCalibration.graphs(prompt).stream().map(TaskGraph::chunks).toList());
        UserInputException e = assertThrows(UserInputException.class, () -> new HostCalibration.Request(TestModels.tiny(2),
                TestPlans.llmNpu(), List.of(8, 64), 1, 0, 1, 64L << 20, false, 48));
        assertTrue(e.getMessage().contains("chunk size 64 exceeds the profiled prompt of 48 tokens"), e.getMessage());
        UserInputException negative = assertThrows(UserInputException.class, () -> new HostCalibration.Request(TestModels.tiny(2),
                TestPlans.llmNpu(), List.of(8), 1, 0, 1, 64L << 20, false, -1));
        assertTrue(negative.getMessage().contains("profiled prompt must be >= 0 tokens"), negative.getMessage());
    }
}
