package org.hetsched.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hetsched.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    private static OutputFiles.Writer text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Path> everything(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).sorted().toList();
        }
    }

    @Test
    void writesEveryFileCreatingFolders(@TempDir Path dir) throws IOException {
        List<Path> written = new OutputFiles().add("a.txt", text("a")).add("charts/b.txt", text("b")).writeTo(dir.resolve("out"));
        assertEquals(List.of(dir.resolve("out/a.txt"), dir.resolve("out/charts/b.txt")), written);
        assertEquals("b", Files.readString(dir.resolve("out/charts/b.txt")));
    }

    @Test
    void aWriterThatBreaksLeavesNoFileBehind(@TempDir Path dir) throws IOException {
        OutputFiles files = new OutputFiles().add("a.txt", text("a")).add("b.txt", out -> {
            throw new IllegalStateException("a bug in a writer");
        });
        assertThrows(IllegalStateException.class, () -> files.writeTo(dir));
        assertEquals(List.of(), everything(dir), "not even a temporary file");
    }

    @Test
    void aDirectoryInTheWayOfAFileLeavesTheOthersUnwritten(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b.txt/inside"));
        UserInputException e = assertThrows(UserInputException.class,
                () -> new OutputFiles().add("a.txt", text("a")).add("b.txt", text("b")).writeTo(dir));
        assertTrue(e.getMessage().contains("b.txt"), e.getMessage());
        assertEquals(List.of(dir.resolve("b.txt"), dir.resolve("b.txt/inside")), everything(dir));
    }

    @Test
    void writeFileWritesOneFileAndItsFolder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/host.json");
        assertEquals(file, OutputFiles.writeFile(file, text("{}")));
        assertEquals("{}", Files.readString(file));
        OutputFiles.writeFile(file, text("{\"a\": 1}"));
        assertEquals("{\"a\": 1}", Files.readString(file), "replaced");
        assertEquals(List.of(dir.resolve("sub"), file), everything(dir));
    }

    @Test
    void writeFileRejectsADirectoryAndAPathThroughAFileLeavingNothing(@TempDir Path dir) throws IOException {
        UserInputException e = assertThrows(UserInputException.class, () -> OutputFiles.writeFile(dir, text("{}")));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        Path blocker = dir.resolve("file.txt");
        Files.writeString(blocker, "x");
        e = assertThrows(UserInputException.class, () -> OutputFiles.writeFile(blocker.resolve("host.json"), text("{}")));
        assertTrue(e.getMessage().contains("file.txt") && e.getMessage().contains("not a directory"), e.getMessage());
        assertEquals(List.of(blocker), everything(dir));
        assertFalse(Files.exists(blocker.resolve("host.json")));
    }
}
