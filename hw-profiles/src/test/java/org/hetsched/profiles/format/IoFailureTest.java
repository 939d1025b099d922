package org.hetsched.profiles.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoFailureTest {

    @Test
    void fileSystemExceptionsBecomeAReasonNotTheirPath(@TempDir Path dir) {
        IOException missing = assertThrows(IOException.class, () -> Files.readString(dir.resolve("nope.json")));
        assertEquals("no such file", IoFailure.reason(missing));
        assertEquals("permission denied", IoFailure.reason(new AccessDeniedException("/x/profile.json")));
        IOException directory = assertThrows(IOException.class, () -> Files.readString(dir));
        assertEquals("is a directory", IoFailure.reason(directory));
        assertEquals("no space left on device", IoFailure.reason(new FileSystemException("/x", null, "No space left on device")));
        assertEquals("no such file", IoFailure.reason(new NoSuchFileException("/x")));
    }

    @Test
    void anExceptionWithoutWordsStillSaysWhatKindItIs() {
        assertEquals("I/O error (IOException)", IoFailure.reason(new IOException()));
        assertEquals("I/O error (FileSystemException)", IoFailure.reason(new FileSystemException("/x")));
    }
}
