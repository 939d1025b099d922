package org.hetsched.cli;

import static org.hetsched.cli.CliRun.tinyConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format json} prints exactly one JSON document on the process's stdout (file
 * descriptor 1, where native libraries print too), checked in a child JVM for every command
 * that has the option.
 */
class JsonStdoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs hetsched in a child JVM; stdout and stderr go to files so native writes are caught too. */
    private static String stdoutOf(Path dir, String... args) throws IOException, InterruptedException {
        // the class path goes in an argument file: QNN's emulated HTP crashes when the command line is long
        Path argFile = Files.createTempFile(dir, "java", ".args");
        Files.writeString(argFile, "-cp\n\"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "@" + argFile, "org.hetsched.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "hetsched " + String.join(" ", args) + " did not finish");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr + stdout);
        return stdout;
    }

    /** Exactly one JSON document, nothing before or after it but white space. */
    private static JsonNode oneDocument(String stdout) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(stdout)) {
            JsonNode doc = JSON.readTree(parser);
            assertTrue(doc != null && (doc.isObject() || doc.isArray()), "a JSON document: " + stdout);
            assertNull(parser.nextToken(), "nothing after the JSON document: " + stdout);
            return doc;
        }
    }

    @Test
    void simulationCommandsPrintOneDocument(@TempDir Path dir) throws Exception {
        oneDocument(stdoutOf(dir, "simulate", "--prompt", "256", "--format", "json"));
        oneDocument(stdoutOf(dir, "compare", "--prompt", "256", "--policies", "fifo,in-order", "--format", "json"));
        oneDocument(stdoutOf(dir, "tune-chunk", "--format", "json"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("tune-chunk")), "tune-chunk without --out writes no folder");
        }
    }

    @Test
    void validateOnTheHostPrintsOneDocument(@TempDir Path dir) throws Exception {
        Path config = tinyConfig(dir);
        Path profile = dir.resolve("host.json");
        stdoutOf(dir, "profile", "--allow-noisy", "--model", config.toString(), "--chunks", "16", "--repetitions", "3", "--warmup", "1",
                "--out", profile.toString());
        JsonNode rows = oneDocument(stdoutOf(dir, "validate", "--allow-noisy", "--profile", profile.toString(), "--model", config.toString(),
                "--policies", "fifo", "--prompt", "32", "--chunk", "16", "--runs", "1", "--warmup", "0", "--unpinned",
                "--format", "json"));
        assertEquals("fifo", rows.get(0).get("policy").asText());
    }

    @Test
    void validateOnTheQnnBackendPrintsOneDocument(@TempDir Path dir) throws Exception {
        // needs the onnxruntime-qnn package, whose native libraries print to fd 1; skipped without it, failed under CI=true
        String enable = "set HETSCHED_QNN_DIR to an onnxruntime-qnn 2.7.0 install (pip install --no-deps --target DIR"
                + " onnxruntime-qnn==2.7.0; HETSCHED_QNN_DIR=DIR/onnxruntime_qnn)";
        boolean configured = System.getenv("HETSCHED_QNN_DIR") != null && !System.getenv("HETSCHED_QNN_DIR").isBlank();
        if ("true".equals(System.getenv("CI"))) assertTrue(configured, "CI must run the QNN tests: " + enable);
        Assumptions.assumeTrue(configured, "QNN test skipped: " + enable);
        Path profile = dir.resolve("qnn.json");
        stdoutOf(dir, "profile", "--backend", "qnn", "--model", "host-tiny", "--out", profile.toString());
        JsonNode rows = oneDocument(stdoutOf(dir, "validate", "--backend", "qnn", "--profile", profile.toString(),
                "--model", "host-tiny", "--policies", "fifo", "--prompt", "32", "--chunk", "16", "--runs", "1",
                "--format", "json"));
        assertEquals("fifo", rows.get(0).get("policy").asText());
    }
}
