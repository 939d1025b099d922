package org.hetsched.cli;

import static org.hetsched.cli.CliRun.assertUserError;
import static org.hetsched.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hetsched.backend.calibrate.ValidationWorkloads;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --workload NAME} on profile and validate. */
class WorkloadOptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String defaultOf(CommandSpec spec, String option) {
        return spec.findOption(option).defaultValue();
    }

    @Test
    void theDefaultWorkloadIsWhatTheCommandsDoWithoutOptions() {
        ValidationWorkloads.Workload d = ValidationWorkloads.get("default");
        CommandSpec validate = new CommandLine(new ValidateCommand()).getCommandSpec();
        assertEquals(d.model(), defaultOf(validate, "--model"));
        assertEquals(d.plan(), defaultOf(validate, "--plan"));
        assertEquals(String.valueOf(d.promptTokens()), defaultOf(validate, "--prompt"));
        assertEquals(String.valueOf(d.chunkTokens()), defaultOf(validate, "--chunk"));
        CommandSpec profile = new CommandLine(new ProfileCommand()).getCommandSpec();
        assertEquals(d.model(), defaultOf(profile, "--model"));
        assertEquals(d.plan(), defaultOf(profile, "--plan"));
        assertEquals(String.join(",", d.profileChunkTokens().stream().map(String::valueOf).toList()), defaultOf(profile, "--chunks"));
    }

    @Test
    void anUnknownWorkloadListsTheKnownOnes(@TempDir Path dir) {
        String known = "known validation workloads: " + String.join(", ", ValidationWorkloads.names());
        assertUserError(run("profile", "--workload", "nope", "--out", dir.resolve("p.json").toString()), "unknown validation workload 'nope'", known);
        assertUserError(run("validate", "--workload", "nope", "--profile", dir.resolve("p.json").toString()), "unknown validation workload", known);
        assertEquals(0, dir.toFile().list().length, "nothing written");
    }

    @Test
    void anOptionTheWorkloadSetsIsRefusedBesideIt(@TempDir Path dir) {
        String out = dir.resolve("p.json").toString();
        assertUserError(run("profile", "--workload", "balanced", "--chunks", "16", "--out", out), "--workload balanced sets --chunks");
        assertUserError(run("profile", "--workload", "default", "--model", "host-tiny", "--plan", "cpu-only", "--out", out),
                "--workload default sets --model, --plan");
        for (String[] option : List.of(new String[] {"--model", "host-tiny"}, new String[] {"--plan", "cpu-only"},
                new String[] {"--prompt", "32"}, new String[] {"--chunk", "8"}, new String[] {"--policies", "heft"})) {
            assertUserError(run("validate", "--workload", "balanced", option[0], option[1], "--profile", out),
                    "--workload balanced sets " + option[0] + ";");
        }
        // --prompt=64 is given too, even though it is the default value
        assertUserError(run("validate", "--workload", "default", "--prompt=64", "--profile", out), "sets --prompt");
        assertUserError(run("profile", "--workload", "balanced", "--prompt", "64", "--out", out), "--workload balanced sets --prompt");
        assertUserError(run("validate", "--workload", "default", "--in-situ", "-1", "--profile", out), "--in-situ must be >= 0 plans, got -1");
    }

    @Test
    @Tag("native")
    void profileMeasuresTheWorkloadsShapesAndValidateChecksItsProfileAgainstThem(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("balanced.json");
        CliRun.Result r = run("profile", "--workload", "balanced", "--allow-noisy", "--repetitions", "1", "--warmup", "0", "--out",
                profile.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode on = JSON.readTree(profile.toFile()).get("measuredOn");
        assertEquals("host-balanced", on.get("model").asText());
        assertEquals("llm.npu", on.get("plan").asText());
        assertEquals("[32,64]", on.get("chunkTokens").toString());
        String description = JSON.readTree(profile.toFile()).get("description").asText();
        assertTrue(description.contains("prompt 512 tokens"), "attention measured at every context of the workload's prompt: " + description);
        // validate --workload default asks for qwen1.5-1.8b: a profile measured for host-balanced does not stand for it
        assertUserError(run("validate", "--workload", "default", "--allow-noisy", "--profile", profile.toString()),
                "measured for model host-balanced, not qwen1.5-1.8b");
        assertEquals(List.of("balanced.json"), List.of(dir.toFile().list()));
        Files.delete(profile);
    }
}
