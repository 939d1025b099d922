package org.hetsched.reports.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hetsched.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptMixTest {

    @Test
    void readsSpreadsheetExportsWithQuotedCellsTrailingCommasAndComments(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mix.csv");
        Files.writeString(file, "promptTokens,weight,\r\n# from \"a trace\", 2026\r\n\"512\", 3 ,\r\n1800,1\r\n");
        PromptMix mix = PromptMix.read(file);
        assertEquals(List.of(512, 1800), mix.prompts());
        assertEquals(0.75, mix.probabilities()[0], 1e-12);
    }

    @Test
    void aFileThatIsNotCsvIsOneUserError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mix.csv");
        Files.writeString(file, "512,1\n\"64\"x,1\n");
        UserInputException e = assertThrows(UserInputException.class, () -> PromptMix.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not CSV (line 2, column "), e.getMessage());
    }
}
