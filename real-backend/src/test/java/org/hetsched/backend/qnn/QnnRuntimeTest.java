package org.hetsched.backend.qnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hetsched.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QnnRuntimeTest {
    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryIsAUserErrorThatSaysHowToInstall() {
        QnnUnavailableException e = assertThrows(QnnUnavailableException.class, () -> QnnRuntime.open(dir.resolve("nowhere")));
        assertTrue(e instanceof UserInputException);
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("pip install --no-deps --target DIR onnxruntime-qnn==2.7.0"), e.getMessage());
        assertTrue(e.getMessage().contains(QnnRuntime.DIR_ENV), e.getMessage());
    }

    @Test
    void aDirectoryWithoutTheLibrariesNamesTheMissingOne() throws Exception {
        QnnUnavailableException e = assertThrows(QnnUnavailableException.class, () -> QnnRuntime.open(dir));
        assertTrue(e.getMessage().contains("has no " + QnnRuntime.PLUGIN_LIBRARY), e.getMessage());
        Files.createFile(dir.resolve(QnnRuntime.PLUGIN_LIBRARY));
        e = assertThrows(QnnUnavailableException.class, () -> QnnRuntime.open(dir));
        assertTrue(e.getMessage().contains("has no " + QnnRuntime.HTP_LIBRARY), e.getMessage());
    }

    @Test
    void theProfileLogSitsBesideTheCsv() {
        assertEquals(Path.of("/p/run_qnn.log"), QnnRuntime.companionLog(Path.of("/p/run.csv")));
        assertEquals(Path.of("/p/run_qnn.log"), QnnRuntime.companionLog(Path.of("/p/run")));
    }

    @Test
    void messagesKeepOnlyTheFirstLineOfOnnxRuntimesError() {
        assertEquals("Failed to finalize", QnnRuntime.firstLine("Failed to finalize\n  at native frames"));
        assertEquals("(no message)", QnnRuntime.firstLine(null));
    }
}
