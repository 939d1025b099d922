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

    @Test
    void filesGetThePermissionsTheUmaskLeaves(@TempDir Path dir) throws IOException {
        new OutputFiles().add("a.txt", text("a")).writeTo(dir.resolve("out"));
        Path reference = dir.resolve("reference.txt");
        try (var out = Files.newOutputStream(reference)) {
            out.write('r');
        }
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(dir.resolve("out/a.txt")));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(OutputFiles.writeFile(dir.resolve("one.json"), text("{}"))));
    }

    @Test
    void aRewriteReplacesTheFilesItOwnedAndKeepsTheUsers(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        new OutputFiles().add("a.txt", text("a")).add("charts/old.png", text("old")).writeTo(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("charts/mine.png"), "mine");
        List<Path> written = new OutputFiles().add("a.txt", text("a2")).add("charts/new.png", text("new")).writeTo(out);
        assertEquals(List.of(out.resolve("a.txt"), out.resolve("charts/new.png")), written);
        assertFalse(Files.exists(out.resolve("charts/old.png")), "a stale file of the earlier write");
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals("mine", Files.readString(out.resolve("charts/mine.png")));
        assertEquals(List.of("a.txt", "charts/new.png"), Files.readAllLines(out.resolve(OutputFiles.OWNED)).stream()
                .filter(n -> !n.equals(OutputFiles.OWNED)).toList());
    }

    @Test
    void anOwnedListCannotReachOutsideItsFolder(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(dir.resolve("precious.txt"), "keep");
        Files.writeString(out.resolve(OutputFiles.OWNED), "../precious.txt\n" + dir.resolve("precious.txt") + "\n");
        new OutputFiles().add("a.txt", text("a")).writeTo(out);
        assertEquals("keep", Files.readString(dir.resolve("precious.txt")));
    }

    @Test
    void temporaryFilesOfProcessesThatEndedAreRemovedOthersKept(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path abandoned = out.resolve(".trace.json." + Long.MAX_VALUE + ".partial");
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path running = out.resolve(".trace.json." + parent + ".partial");
        Path users = out.resolve(".notes.partial");
        for (Path p : List.of(abandoned, running, users)) Files.writeString(p, "x");
        new OutputFiles().add("a.txt", text("a")).writeTo(out);
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(running), "another live process's write");
        assertTrue(Files.exists(users), "not named as hetsched names its own");
    }

    @Test
    void aLocationThatTakesNoFilesIsRefusedBeforeAnyWork(@TempDir Path dir) throws IOException {
        UserInputException proc = assertThrows(UserInputException.class, () -> OutputFiles.checkWritable(Path.of("/proc/hetsched-out"), true));
        assertTrue(proc.getMessage().contains("/proc does not take new files (its file system, proc"), proc.getMessage());
        Path file = dir.resolve("file.txt");
        Files.writeString(file, "x");
        UserInputException notDir = assertThrows(UserInputException.class, () -> OutputFiles.checkWritable(file.resolve("out"), true));
        assertTrue(notDir.getMessage().contains("is not a directory"), notDir.getMessage());
        assertThrows(UserInputException.class, () -> OutputFiles.checkWritable(Path.of(""), true));
        OutputFiles.checkWritable(dir.resolve("new/deeper"), true);
        assertEquals(List.of(file), everything(dir), "the check leaves nothing behind");
    }
}
