package org.hetsched.profiles.format;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The one place where an {@link IOException} becomes words for a user's message. File-system
 * exceptions carry only the path as their message, so "cannot read x: " + getMessage() would
 * repeat the path and give no reason. Stateless.
 */
public final class IoFailure {
    private IoFailure() {
    }

    /**
     * Why the operation failed, in lower case and without the path: "no such file", "permission
     * denied", "is a directory", "not a directory", "already exists", else the system's reason.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof FileAlreadyExistsException) return "already exists";
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) return "I/O error (" + e.getClass().getSimpleName() + ")";
        // the system's own words ("Is a directory", "No space left on device") start a sentence; ours continue one
        return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }
}
