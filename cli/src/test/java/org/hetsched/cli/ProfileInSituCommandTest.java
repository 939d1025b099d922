package org.hetsched.cli;

import static org.hetsched.cli.CliRun.assertUserError;
import static org.hetsched.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.cli.CliRun.Result;
import org.hetsched.profiles.format.ProfileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileInSituCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void inSituWritesAFittedProfileThatValidateAccepts(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("host.json");
        Result r = run("profile", "--allow-noisy", "--model", "host-tiny", "--chunks", "16", "--repetitions", "1", "--warmup", "0",
                "--calibration", "in-situ", "--calibration-replays", "3", "--held-out-replays", "1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("refitted in situ to 3 replays of 3 plans"), r.out());
        assertTrue(r.out().contains("in-situ/micro per lane and op kind: "), r.out());
        assertTrue(r.out().contains("  micro:   all: median"), r.out());
        assertTrue(r.out().contains("  in situ: all: median"), r.out());
        ProfileReader.read(out);
        JsonNode profile = JSON.readTree(out.toFile());
        List<String> fitted = new ArrayList<>();
        profile.get("sources").fields().forEachRemaining(e -> {
            if (e.getValue().asText().startsWith("Fitted in situ: 3 replays of 3 plans")) fitted.add(e.getKey());
        });
        assertFalse(fitted.isEmpty(), "refitted points name the fit");
        assertTrue(profile.get("sources").has("in-situ-bias"));
        assertTrue(profile.get("sources").get("in-situ-held-out").asText().contains("1 held-out replays"));
        assertTrue(profile.get("description").asText().contains("points refitted in situ to 3 replays of 3 plans"));
        assertEquals("host", profile.get("measuredOn").get("backend").asText());

        Result v = run("validate", "--allow-noisy", "--profile", out.toString(), "--model", "host-tiny", "--policies", "in-order",
                "--prompt", "32", "--chunk", "16", "--runs", "1", "--warmup", "0", "--format", "json");
        assertEquals(0, v.exitCode(), v.err());
        assertEquals(1, JSON.readTree(v.out()).size());
    }

    @Test
    void rejectsBadCalibrationFlagsAllAtOnceAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("p.json");
        assertUserError(run("profile", "--calibration", "both", "--out", out.toString()), "unknown --calibration 'both'");
        assertUserError(run("profile", "--calibration", "in-situ", "--backend", "qnn", "--out", out.toString()),
                "in-situ replays plans on the host backend only");
        assertUserError(run("profile", "--calibration", "in-situ", "--calibration-replays", "0", "--held-out-replays", "-1",
                "--prior-weight", "0", "--out", out.toString()), "calibration replays must be >= 1, got 0",
                "held-out replays must be >= 0, got -1", "prior weight must be finite and > 0, got 0.0");
        assertFalse(Files.exists(out));
    }
}
