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
import java.util.List;
import org.hetsched.backend.BackendModels;
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
