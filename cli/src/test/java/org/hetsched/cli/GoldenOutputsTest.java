package org.hetsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: for tiny workloads (one per built-in plan, and one each for a GQA, a sliding-window
 * and a parallel-attention GELU model) the simulated trace, metrics, Perfetto trace and the
 * comparison CSV of every heuristic policy are compared byte for byte with committed copies, so a
 * change of structure that changes a number shows.
 *
 * <p>To regenerate after an intended change, run this test with {@code -Dhetsched.golden.update=true}
 * and review the diff of {@code cli/src/test/resources/golden}.
 */
class GoldenOutputsTest {
    private static final Path SOURCE_DIR = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("hetsched.golden.update");
    private static final String POLICIES = "in-order,fifo,ooe,mllm-pipeline,critical-path,dmda,heft,cpop,peft,random";
    private static final List<String> SIMULATE_FILES = List.of("trace.json", "metrics.json", "perfetto.json");

    static Stream<Arguments> workloads() {
        return Stream.of(
                Arguments.of("llm.npu", "tiny-qwen2", List.of("--plan", "llm.npu", "--prompt", "40", "--chunk", "16",
                        "--shadow-layers", "0")),
                Arguments.of("llm.npu-prep-dispatch", "tiny-qwen2", List.of("--plan", "llm.npu", "--prompt", "40",
                        "--chunk", "16", "--shadow-layers", "1", "--include-graph-prep", "--dispatch-overhead")),
                Arguments.of("llm.npu+gpu", "tiny-qwen2", List.of("--plan", "llm.npu+gpu", "--prompt", "40", "--chunk",
                        "16", "--shadow-layers", "0")),
                Arguments.of("cpu-only", "tiny-qwen2", List.of("--plan", "cpu-only", "--prompt", "40", "--chunk", "16")),
                Arguments.of("gpu-only", "tiny-qwen2", List.of("--plan", "gpu-only", "--prompt", "40", "--chunk", "16")),
                Arguments.of("npu-naive", "tiny-qwen2", List.of("--plan", "npu-naive", "--prompt", "40", "--chunk", "16")),
                Arguments.of("gqa", "tiny-gqa", List.of("--plan", "llm.npu", "--prompt", "48", "--chunk", "16")),
                Arguments.of("sliding-window", "tiny-swa", List.of("--plan", "llm.npu", "--prompt", "80", "--chunk", "16",
                        "--shadow-layers", "0")),
                Arguments.of("parallel-gelu", "tiny-phi", List.of("--plan", "llm.npu", "--prompt", "48", "--chunk", "16",
                        "--shadow-layers", "1")),
                Arguments.of("fitted-sd8gen3", "tiny-qwen2", List.of("--plan", "llm.npu", "--prompt", "40", "--chunk", "16",
                        "--shadow-layers", "0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void simulatedOutputsMatchGoldenFiles(String name, String model, List<String> flags, @TempDir Path dir)
            throws IOException, URISyntaxException {
        Path config = modelConfig(model);
        List<String> simulate = new ArrayList<>(List.of("simulate", "--model", config.toString(), "--device", device(name), "--policy", "ooe",
                "--format", "json", "--out", dir.resolve("simulate").toString()));
        simulate.addAll(flags);
        CliRun.Result sim = CliRun.run(simulate.toArray(String[]::new));
        assertEquals(0, sim.exitCode(), sim.err());

        List<String> compare = new ArrayList<>(List.of("compare", "--model", config.toString(), "--device", device(name), "--policies", POLICIES,
                "--format", "csv"));
        compare.addAll(flags);
        CliRun.Result cmp = CliRun.run(compare.toArray(String[]::new));
        assertEquals(0, cmp.exitCode(), cmp.err());

        List<String> mismatches = new ArrayList<>();
        for (String file : SIMULATE_FILES) {
            check(name, file, Files.readString(dir.resolve("simulate").resolve(file)), mismatches);
        }
        check(name, "simulate.json", sim.out(), mismatches);
        check(name, "comparison.csv", cmp.out(), mismatches);
        if (!mismatches.isEmpty()) fail(String.join("\n", mismatches));
    }

    /**
     * The workloads run on {@code sd8gen3-bottom-up}, the profile without prefill mechanisms, so a
     * change of the engine or the pricing shows apart from a change of the fitted default; the
     * {@code fitted-sd8gen3} workload runs the default {@code sd8gen3} with every mechanism it has.
     */
    private static String device(String workload) {
        return workload.startsWith("fitted-") ? "sd8gen3" : "sd8gen3-bottom-up";
    }

    private static void check(String workload, String file, String actual, List<String> mismatches) throws IOException {
        Path golden = SOURCE_DIR.resolve(workload).resolve(file);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            mismatches.add(golden + " is missing; run with -Dhetsched.golden.update=true to create it");
            return;
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            mismatches.add(workload + "/" + file + " differs from " + golden + firstDifference(expected, actual));
        }
    }

    private static String firstDifference(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end>";
            String y = i < b.size() ? b.get(i) : "<end>";
            if (!x.equals(y)) return " at line " + (i + 1) + ": expected [" + x + "] but was [" + y + "]";
        }
        return " (line endings differ)";
    }

    private static Path modelConfig(String model) throws URISyntaxException {
        return Path.of(GoldenOutputsTest.class.getResource("/golden/models/" + model + "/config.json").toURI());
    }
}
