package org.hetsched.reports.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepConfigReaderTest {

    private static SweepConfigException refused(Path dir, String text) throws IOException {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, text);
        return assertThrows(SweepConfigException.class, () -> SweepConfigReader.read(file));
    }

    @Test
    void rejectsADuplicateKeyWithItsLine(@TempDir Path dir) throws IOException {
        String m = refused(dir, """
                name: t
                models: [qwen1.5-1.8b]
                devices: [sd8gen3]
                plans: [llm.npu]
                prompts: [64]
                chunks: [64]
                prompts: [128]
                policies: [fifo]
                """).getMessage();
        assertTrue(m.contains("duplicate key 'prompts'"), m);
        assertTrue(m.contains("line 7"), m);
        assertFalse(m.contains("\n"), m);
    }

    @Test
    void reportsMalformedYamlOnOneLineWithLineAndColumn(@TempDir Path dir) throws IOException {
        String m = refused(dir, """
                name: t
                models: [qwen1.5-1.8b
                devices: [sd8gen3]
                """).getMessage();
        assertFalse(m.contains("\n"), m);
        assertFalse(m.contains("^"), m);
        assertTrue(m.startsWith(dir.resolve("sweep.yaml") + ": "), m);
        assertTrue(m.contains("not valid YAML at line 3, column"), m);
    }

    @Test
    void rejectsAChunkThatPadsThePromptBeyondTheContext(@TempDir Path dir) throws IOException {
        String m = refused(dir, """
                name: t
                models: [phi-2]
                devices: [sd8gen3]
                plans: [llm.npu]
                prompts: [1000]
                chunks: [256, 4096]
                policies: [fifo]
                """).getMessage();
        assertEquals(dir.resolve("sweep.yaml") + ": $.chunks[1]: chunk size 4096 pads the 1000-token prompt to 4096 tokens, "
                + "beyond the max context of phi-2 (2048 tokens)", m);
    }
}
