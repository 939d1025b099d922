package org.hetsched.backend.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hetsched.backend.replay.ReplayRequest;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.load.ModelResolver;
import org.hetsched.profiles.load.PlanCatalog;
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
        ReplayRequest request = new ReplayRequest(tinyConfig().toString(), "llm.npu", "sd8gen3", 32, 16, "heft", 1, 64L << 20);
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
            HostCalibration.run(calibration, new Provenance("testhost", "amd64", "Test CPU", Instant.EPOCH, "0.1.0")).writeProfile(out);
        }
        ReplayRequest request = new ReplayRequest(config.toString(), "llm.npu", profile.toString(), 32, 16, "heft", 1, 64L << 20);
        HostValidation.Report report = HostValidation.run(request, 2, 1);
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
        HostValidation.Report shared = HostValidation.run(request, List.of("dmda"), new HostValidation.Settings("host", 1, 0,
                org.hetsched.backend.replay.ReplayOptions.unpinned(), true, true)).get(0);
        assertEquals("dmda", shared.policy());
        assertEquals(0.0, shared.check().quantised().maxRelativeError());
        assertEquals(report.simulatedMakespanNs(), report.traces().simulated().makespanNs());
        assertEquals(report.measuredMakespansNs().get(1), report.traces().measured().get(1).makespanNs());
        assertEquals("host", report.traces().measured().get(0).platform().name());
    }
}
