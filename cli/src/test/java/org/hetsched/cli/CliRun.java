package org.hetsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the command line in-process with captured output, and the checks every command test shares. */
final class CliRun {
    private CliRun() {
    }

    /** Exit code and what the command printed. */
    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HetschedCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** A user mistake: exit 2, nothing on stdout, one stderr line without a stack trace, naming each of {@code mentions}. */
    static void assertUserError(Result r, String... mentions) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), "one line on stderr: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        for (String m : mentions) assertTrue(r.err().contains(m), "stderr should mention '" + m + "': " + r.err());
    }

    /** A 2-layer Qwen2-style config.json in {@code dir}: small enough to calibrate and replay in seconds. */
    static Path tinyConfig(Path dir) throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"model_type": "qwen2", "num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 4,
                 "num_key_value_heads": 2, "intermediate_size": 128, "vocab_size": 1000,
                 "max_position_embeddings": 4096, "hidden_act": "silu"}
                """);
        return config;
    }
}
