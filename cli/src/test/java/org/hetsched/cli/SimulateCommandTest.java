package org.hetsched.cli;

import static org.hetsched.cli.CliRun.assertUserError;
import static org.hetsched.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.hetsched.profiles.load.ProfileCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input checks of simulate (and compare) that need whole files: times out of range, messages. */
class SimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIMIT = "9223372036854775807 ns (about 292 years)";

    /** The built-in sd8gen3 profile with one change, written to {@code dir/name}. */
    private static Path profile(Path dir, String name, Consumer<ObjectNode> change) throws IOException {
        ObjectNode root;
        try (InputStream in = ProfileCatalog.class.getResourceAsStream("devices/sd8gen3.json")) {
            root = (ObjectNode) JSON.readTree(in);
        }
        change.accept(root);
        Path file = dir.resolve(name);
        Files.writeString(file, root.toString());
        return file;
    }

    private static ObjectNode at(ObjectNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    @Test
    void profileTimesBeyondTheEngineAreOneLineExitTwo(@TempDir Path dir) throws IOException {
        Path sync = profile(dir, "sync.json", p -> at(p, "/sync/0/latencyUs").put("value", 1e20));
        assertUserError(run("simulate", "--device", sync.toString()), "sync.json", "$.sync[0].latencyUs.value", "1.0E20 us", LIMIT);
        Path latency = profile(dir, "latency.json", p -> at(p, "/costs/0/points/0").put("latencyMs", 1e300));
        assertUserError(run("simulate", "--device", latency.toString()), "latency.json", "$.costs[0].points[0].latencyMs",
                "1.0E300 ms", LIMIT);
        Path rate = profile(dir, "rate.json", p -> at(p, "/analytic/0/matmul/macsPerSecond").put("value", 1e-300));
        assertUserError(run("simulate", "--device", rate.toString()), "rate.json", "$.analytic[0].matmul.macsPerSecond.value",
                "1.0E-300 per second", LIMIT);
        Path preparation = profile(dir, "prep.json", p -> at(p, "/graphPreparation/0/perGraphMs").put("value", 1e18));
        assertUserError(run("simulate", "--device", preparation.toString(), "--include-graph-prep"), "prep.json",
                "$.graphPreparation[0].perGraphMs.value", "1.0E18 ms", LIMIT);
    }

    @Test
    void graphTimesBeyondTheEngineAreOneLineExitTwo(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"name\": \"b\", \"costUnit\": \"ms\", \"processors\": [{\"name\": \"p\"}, {\"name\": \"q\"}],"
                + " \"tasks\": [{\"name\": \"a\", \"costs\": {\"p\": 1}}, {\"name\": \"b\", \"costs\": {\"q\": 1}}],"
                + " \"edges\": [{\"from\": \"a\", \"to\": \"b\", \"transfer\": 1e300}]}");
        assertUserError(run("simulate", "--graph", big.toString()), "big.json", "$.edges[0].transfer", "1.0E300 ms", LIMIT);
    }

    /** Each time fits, their sum does not: the engine refuses instead of printing a wrapped makespan. */
    @Test
    void aMakespanBeyondTheEngineIsOneLineExitTwo(@TempDir Path dir) throws IOException {
        Path chain = dir.resolve("chain.json");
        Files.writeString(chain, "{\"name\": \"c\", \"costUnit\": \"s\", \"processors\": [{\"name\": \"p\"}],"
                + " \"tasks\": [{\"name\": \"a\", \"costs\": {\"p\": 5e9}}, {\"name\": \"b\", \"costs\": {\"p\": 5e9}}]}");
        assertUserError(run("simulate", "--graph", chain.toString()), "simulated time passes " + LIMIT, "c0/b");
        assertUserError(run("compare", "--graph", chain.toString()), "simulated time passes " + LIMIT);
    }

    @Test
    void aProfileWithoutProcessorsGetsOneProblem(@TempDir Path dir) throws IOException {
        Path profile = profile(dir, "noproc.json", p -> p.remove("processors"));
        CliRun.Result r = run("simulate", "--device", profile.toString());
        assertUserError(r, "noproc.json: $.processors: missing required field");
        assertFalse(r.err().contains("unknown processor"), r.err());
    }

    @Test
    void aConfigWithTwoBadKeysIsOneLine(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"model_type\": \"qwen2\", \"num_hidden_layers\": 2, \"num_attention_heads\": 4,"
                + " \"intermediate_size\": 128, \"max_position_embeddings\": 4096}");
        assertUserError(run("simulate", "--model", config.toString()),
                config + ": missing key 'hidden_size'; missing key 'vocab_size'");
    }

    @Test
    void parserNoiseStaysOutOfMessages(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"name\": 1");
        for (String flag : new String[] {"--device", "--plan", "--model"}) {
            CliRun.Result r = run("simulate", flag, broken.toString());
            assertUserError(r, "broken.json: line 1, column 11: malformed JSON", "(start marker at line 1, column 1)");
            assertFalse(r.err().contains("Source"), r.err());
        }
    }

    @Test
    void missingFilesSayTheyDoNotExist(@TempDir Path dir) {
        String config = dir.resolve("path/to/missing/config.json").toString();
        assertUserError(run("simulate", "--model", config), config + ": no such file (nor a built-in model: ");
        String device = dir.resolve("phone.json").toString();
        assertUserError(run("simulate", "--device", device), device + ": no such file (nor a built-in device: ");
        Path mix = dir.resolve("mix.csv");
        assertUserError(run("tune-chunk", "--prompt-dist", mix.toString()), "cannot read prompt distribution " + mix + ": no such file");
    }

    /** sd8gen3 with made-up slowdowns between its NPU and CPU, written to {@code dir/contended.json}. */
    private static Path contended(Path dir) throws IOException {
        return profile(dir, "contended.json", root -> {
            ((ObjectNode) root.get("sources")).put("test-contention", "Made up for a test.");
            ArrayNode entries = root.putArray("contention");
            for (String[] pair : new String[][] {{"cpu", "npu"}, {"npu", "cpu"}}) {
                entries.addObject().put("victim", pair[0]).put("aggressor", pair[1]).putObject("slowdown").put("value", 0.5)
                        .put("source", "test-contention");
            }
        });
    }

    @Test
    void contentionFromTheProfileSlowsTheRunAndNoContentionLeavesItOut(@TempDir Path dir) throws IOException {
        String device = contended(dir).toString();
        CliRun.Result on = run("simulate", "--format", "json", "--device", device, "--prompt", "256", "--policy", "ooe");
        CliRun.Result off = run("simulate", "--format", "json", "--device", device, "--prompt", "256", "--policy", "ooe", "--no-contention");
        CliRun.Result builtIn = run("simulate", "--format", "json", "--prompt", "256", "--policy", "ooe", "--no-contention");
        assertEquals(0, on.exitCode(), on.err());
        double contendedMs = JSON.readTree(on.out()).get("makespanMs").asDouble();
        double offMs = JSON.readTree(off.out()).get("makespanMs").asDouble();
        assertTrue(contendedMs > offMs, contendedMs + " ms with contention, " + offMs + " ms without");
        assertEquals(JSON.readTree(builtIn.out()).get("makespanMs").asDouble(), offMs, "the built-in profile without its slowdowns is the test profile without its own");
        assertTrue(JSON.readTree(on.out()).toString().contains("shared-memory contention"), on.out());
        assertUserError(run("simulate", "--graph", "../examples/graphs/topcuoglu-2002.json", "--no-contention"), "--no-contention has no effect");
    }

    @Test
    void compareDoesNotCallTheSolversValueTheOptimumUnderContention(@TempDir Path dir) throws IOException {
        String device = contended(dir).toString();
        String model = CliRun.tinyConfig(dir).toString();
        CliRun.Result text = run("compare", "--device", device, "--model", model, "--prompt", "64", "--chunk", "32", "--policies", "fifo,optimal");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("optimum not known for this simulation (CP-SAT prices durations without contention"), text.out());
        assertTrue(text.out().contains("not the simulation's optimum"), text.out());
        CliRun.Result json = run("compare", "--device", device, "--model", model, "--prompt", "64", "--chunk", "32", "--policies",
                "fifo,optimal", "--format", "json");
        for (JsonNode row : JSON.readTree(json.out())) {
            assertTrue(row.get("optimumMs").isNull() && row.get("gapToOptimum").isNull(), row.toString());
            assertTrue(row.get("makespanMs").asDouble() >= row.get("lowerBoundMs").asDouble(), row.toString());
        }
        CliRun.Result plain = run("compare", "--device", device, "--model", model, "--prompt", "64", "--chunk", "32", "--policies",
                "fifo,optimal", "--format", "json", "--no-contention");
        assertFalse(JSON.readTree(plain.out()).get(1).get("optimumMs").isNull(), "without contention the proven optimum is the run's");
    }
}
