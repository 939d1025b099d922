package org.hetsched.backend.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.backend.ScriptedBackend;
import org.hetsched.backend.catalog.BackendModels;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.backend.replay.ReplayOptions;
import org.hetsched.backend.replay.ReplayRequest;
import org.hetsched.core.UserInputException;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.calibrate.Provenance;
import org.hetsched.profiles.format.MeasuredOn;
import org.hetsched.profiles.load.ModelResolver;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.reports.table.ValidationReport;
import org.hetsched.scheduler.plan.SchedulePlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostValidationTest {
    @TempDir
    Path dir;

    private Path tinyConfig() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"model_type": "qwen2", "num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 4,
                 "num_key_value_heads": 2, "intermediate_size": 128, "vocab_size": 1000,
                 "max_position_embeddings": 4096, "hidden_act": "silu"}
                """);
        return config;
    }

    @Test
    void rejectsZeroRunsAndNegativeWarmupTogether() throws IOException {
        ReplayRequest request = ReplayRequest.of(new WorkloadRequest(tinyConfig().toString(), "sd8gen3", "llm.npu", null, 32, 16, null, false, false),
                "heft", 1, 64L << 20);
        UserInputException e = assertThrows(UserInputException.class, () -> HostValidation.run(request, 0, -1));
        assertTrue(e.getMessage().contains("runs must be >= 1, got 0") && e.getMessage().contains("got -1"), e.getMessage());
    }

    @Test
    @Tag("native")
    void comparesTheSimulatedScheduleWithItsReplaysOnACalibratedProfile() throws IOException {
        Path config = tinyConfig();
        HostCalibration.Request calibration = new HostCalibration.Request(new ModelResolver().resolve(config.toString()),
                PlanCatalog.builtIn().get("llm.npu"), List.of(16), 5, 2, 1, 64L << 20);
        Path profile = dir.resolve("host.json");
        try (OutputStream out = Files.newOutputStream(profile)) {
            HostCalibration.run(calibration, Provenance.ofThisMachine("0.1.0", Instant.EPOCH)).writeProfile(out);
        }
        ReplayRequest request = ReplayRequest.of(new WorkloadRequest(config.toString(), profile.toString(), "llm.npu", null, 32, 16, null, false, false),
                "heft", 1, 64L << 20);
        ValidationReport report = report(HostValidation.run(request, 2, 1));
        assertEquals("heft", report.policy());
        assertEquals(2, report.measuredMakespansNs().size());
        assertTrue(report.simulatedMakespanNs() > 0 && report.measuredMakespanNsMedian() > 0);
        assertTrue(report.worstAbsErrorPct() >= report.medianAbsErrorPct() && report.medianAbsErrorPct() >= 0);
        assertTrue(report.medianTaskAbsErrorPct() >= 0);
        assertEquals("heft", report.traces().policy());
        assertEquals(2, report.traces().measured().size());
        assertTrue(report.check().passed(), "the replay computed the model: " + report.check());
        assertEquals(0.0, report.check().quantised().maxRelativeError(), "bit for bit against the unchunked quantised run");

        // shared layer weights (for models too big otherwise), online: still the model, bit for bit
        ValidationReport shared = report(HostValidation.run(request, List.of("dmda"), new HostValidation.Settings("host", 1, 0,
                org.hetsched.backend.replay.ReplayOptions.unpinned(), true, true, false)).get(0));
        assertEquals("dmda", shared.policy());
        assertEquals(0.0, shared.check().quantised().maxRelativeError());
        assertEquals(report.simulatedMakespanNs(), report.traces().simulated().makespanNs());
        assertEquals(report.measuredMakespansNs().get(1), report.traces().measured().get(1).makespanNs());
        assertEquals("host", report.traces().measured().get(0).platform().name());
    }

    @Test
    @Tag("native")
    void timedReplaysRunRoundRobinAfterEveryPolicysWarmUp() throws IOException {
        Path config = tinyConfig();
        HostCalibration.Request calibration = new HostCalibration.Request(new ModelResolver().resolve(config.toString()),
                PlanCatalog.builtIn().get("llm.npu"), List.of(16), 3, 1, 1, 64L << 20);
        Path profile = dir.resolve("host.json");
        try (OutputStream out = Files.newOutputStream(profile)) {
            HostCalibration.run(calibration, Provenance.ofThisMachine("0.1.0", Instant.EPOCH)).writeProfile(out);
        }
        ReplayRequest request = ReplayRequest.of(new WorkloadRequest(config.toString(), profile.toString(), "llm.npu", null, 32, 16, null,
                false, false), "heft", 1, 64L << 20);
        // each policy's replay is known by its per-lane orders: take three policies whose plans differ
        Map<List<List<Integer>>, String> byOrders = new HashMap<>();
        List<String> policies = new ArrayList<>();
        for (String policy : List.of("in-order", "heft", "cpop", "peft", "dmda", "fifo", "ooe")) {
            SchedulePlan plan = request.withPolicy(policy).plan(HostBackend.lanes());
            List<List<Integer>> orders = new ArrayList<>();
            for (int lane = 0; lane < plan.processors(); lane++) orders.add(Arrays.stream(plan.order(lane)).boxed().toList());
            if (policies.size() < 3 && byOrders.putIfAbsent(orders, policy) == null) policies.add(policy);
        }
        assertEquals(3, policies.size(), "three policies with different plans: " + policies);
        ScriptedBackend backend = new ScriptedBackend(HostBackend.lanes(), 0);
        int runs = 3;
        List<HostValidation.Run> results = HostValidation.runOn(backend, request, policies, new HostValidation.Settings("host", runs, 1,
                ReplayOptions.unpinned(), false, false, false), null, List.of());

        int tasks = request.graph().size();
        List<ScriptedBackend.Execution> executions = backend.executions();
        assertEquals(0, executions.size() % tasks);
        List<String> replayed = new ArrayList<>();
        for (int from = 0; from < executions.size(); from += tasks) {
            List<List<Integer>> orders = new ArrayList<>();
            for (int lane = 0; lane < HostBackend.lanes().size(); lane++) orders.add(new ArrayList<>());
            for (ScriptedBackend.Execution e : executions.subList(from, from + tasks)) orders.get(e.processor()).add(e.task());
            replayed.add(byOrders.get(orders));
        }
        // after the JVM warm-up (the first policy, at least once): one warm-up each, then rounds starting one policy later each
        String a = policies.get(0);
        String b = policies.get(1);
        String c = policies.get(2);
        List<String> tail = List.of(a, b, c, a, b, c, b, c, a, c, a, b);
        int jvmWarmUp = replayed.size() - tail.size();
        assertTrue(jvmWarmUp >= 1, replayed.toString());
        assertEquals(tail, replayed.subList(jvmWarmUp, replayed.size()));
        assertEquals(Collections.nCopies(jvmWarmUp, a), replayed.subList(0, jvmWarmUp));
        assertEquals(policies, results.stream().map(HostValidation.Run::policy).toList());
        for (HostValidation.Run r : results) {
            assertEquals(runs, r.traces().measured().size());
            assertEquals(null, r.check(), "the scripted lanes compute nothing to check");
        }
    }

    @Test
    @Tag("native")
    void inSituCalibrationRefitsToRandomPlansAndSimulatesTheReplayedSchedules() throws IOException {
        Path config = tinyConfig();
        HostCalibration.Request calibration = new HostCalibration.Request(new ModelResolver().resolve(config.toString()),
                PlanCatalog.builtIn().get("llm.npu"), List.of(16), 3, 1, 1, 64L << 20, false, 48);
        Path profile = dir.resolve("host.json");
        try (OutputStream out = Files.newOutputStream(profile)) {
            HostCalibration.run(calibration, Provenance.ofThisMachine("0.1.0", Instant.EPOCH)).writeProfile(out);
        }
        ReplayRequest request = ReplayRequest.of(new WorkloadRequest(config.toString(), profile.toString(), "llm.npu", null, 48, 16, null,
                false, false), "heft", 1, 64L << 20);
        List<String> policies = List.of("in-order", "heft");
        List<HostValidation.Run> runs = HostValidation.run(request, policies, new HostValidation.Settings("host", 2, 0,
                ReplayOptions.unpinned(), false, false, false, 2));
        HostValidation.InSitu inSitu = runs.get(0).inSitu();
        assertEquals(2, inSitu.plans().size());
        assertEquals(4, inSitu.fit().replays(), "two rounds of two calibration plans");
        for (String plan : inSitu.plans()) assertTrue(plan.startsWith("in-situ-random-seed"), plan);
        for (HostValidation.Run run : runs) {
            assertTrue(run.inSitu() == inSitu, "one calibration for the whole validation");
            assertEquals(2, run.traces().measured().size());
            SchedulePlan replayed = request.withPolicy(run.policy()).plan(HostBackend.lanes(), run.profileSimulated());
            SchedulePlan simulated = request.withPolicy(run.policy()).plan(HostBackend.lanes(), run.traces().simulated());
            for (int lane = 0; lane < replayed.processors(); lane++) {
                assertEquals(Arrays.toString(replayed.order(lane)), Arrays.toString(simulated.order(lane)),
                        "the refitted simulation follows the replayed orders of " + run.policy());
            }
            assertTrue(run.check().passed(), run.check().toString());
        }
        // the refit moved the prices: its simulated task durations are not the profile's
        HostValidation.Run first = runs.get(0);
        boolean moved = false;
        for (int t = 0; t < request.graph().size(); t++) {
            long refit = first.traces().simulated().endNs(t) - first.traces().simulated().startNs(t);
            long own = first.profileSimulated().endNs(t) - first.profileSimulated().startNs(t);
            moved |= refit != own;
        }
        assertTrue(moved, "the in-situ fit changed no task's price");
        UserInputException negative = assertThrows(UserInputException.class, () -> new HostValidation.Settings("host", 2, 0,
                ReplayOptions.unpinned(), false, false, false, -1));
        assertTrue(negative.getMessage().contains("in-situ calibration plans must be >= 0, got -1"), negative.getMessage());
    }

    /** The statistics {@code hetsched validate} reports of {@code run}. */
    private static ValidationReport report(HostValidation.Run run) {
        return ValidationReport.of(run.policy(), run.traces(), run.check(), run.forcedMismatches());
    }

    /** sd8gen3's text with a {@code measuredOn} of these fields, as a profile file. */
    private Path profileMeasuredOn(String backend, String model, String modelShape, String plan, Provenance where) throws IOException {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(ProfileCatalog.builtIn().json("sd8gen3"));
        root.set(MeasuredOn.FIELD, new MeasuredOn(backend, model, modelShape, plan, List.of(16), where.hostname(), where.osArch(),
                where.cpuModel(), Instant.EPOCH, "0.1.0").toJson());
        Path file = dir.resolve("measured-" + backend + "-" + model + "-" + plan + "-" + where.cpuModel().hashCode() + ".json");
        Files.writeString(file, root.toString());
        return file;
    }

    @Test
    void aProfileThatDoesNotSayWhereItWasMeasuredIsRefusedBeforeAnythingRuns() throws IOException {
        ReplayRequest request = ReplayRequest.of(new WorkloadRequest(tinyConfig().toString(), "sd8gen3", "llm.npu", null, 32, 16, null, false, false),
                "heft", 1, 64L << 20);
        UserInputException e = assertThrows(UserInputException.class, () -> HostValidation.run(request, 1, 0));
        assertTrue(e.getMessage().contains("profile sd8gen3 (sd8gen3) does not say what it was measured on")
                && e.getMessage().contains("--force"), e.getMessage());
    }

    @Test
    void aProfileMeasuredForAnotherBackendModelPlanOrMachineIsNamedWithWhatWasAsked() throws IOException {
        Path config = tinyConfig();
        ModelSpec model = BackendModels.resolve(config.toString());
        Provenance here = Provenance.ofThisMachine("0.1.0", Instant.EPOCH);
        Path good = profileMeasuredOn("host", model.name(), MeasuredOn.shapeOf(model), "llm.npu", here);
        assertEquals(List.of(), HostValidation.profileMismatches(request(config, good, "llm.npu"), "host"));

        List<String> qnn = HostValidation.profileMismatches(request(config, good, "llm.npu"), "qnn");
        assertEquals(1, qnn.size(), qnn.toString());
        assertTrue(qnn.get(0).endsWith("was measured on backend host, not on the qnn backend asked for"), qnn.get(0));

        Path other = profileMeasuredOn("host", "host-tiny", MeasuredOn.shapeOf(model), "npu-naive",
                new Provenance("phone", "aarch64", "Other CPU", Instant.EPOCH, "0.1.0"));
        List<String> all = HostValidation.profileMismatches(request(config, other, "llm.npu"), "host");
        assertEquals(3, all.size(), all.toString());
        assertTrue(all.get(0).endsWith("was measured for model host-tiny, not " + model.name()), all.get(0));
        assertTrue(all.get(1).endsWith("was measured under plan npu-naive, not llm.npu"), all.get(1));
        assertTrue(all.get(2).contains("was measured on phone (aarch64, Other CPU), not on this machine (" + here.osArch()), all.get(2));

        Path reshaped = profileMeasuredOn("host", model.name(), "hidden=128", "llm.npu", here);
        List<String> shapes = HostValidation.profileMismatches(request(config, reshaped, "llm.npu"), "host");
        assertEquals(1, shapes.size(), shapes.toString());
        assertTrue(shapes.get(0).contains("of other shapes (hidden=128) than this one (" + MeasuredOn.shapeOf(model) + ")"), shapes.get(0));

        UserInputException e = assertThrows(UserInputException.class, () -> HostValidation.run(request(config, other, "llm.npu"), 1, 0));
        assertTrue(e.getMessage().startsWith(all.get(0) + "; " + all.get(1)), e.getMessage());
    }

    private static ReplayRequest request(Path model, Path profile, String plan) {
        return ReplayRequest.of(new WorkloadRequest(model.toString(), profile.toString(), plan, null, 32, 16, null, false, false),
                "heft", 1, 64L << 20);
    }
}
