package org.hetsched.profiles.load;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.UserInputException;

/** What the catalogs share: finding a user's file and reading bundled resources. Stateless. */
final class Resolution {
    private Resolution() {
    }

    /** The path {@code nameOrPath} names if something exists there, else {@code null}. */
    static Path existingPath(String nameOrPath) {
        try {
            Path path = Path.of(nameOrPath);
            return Files.exists(path) ? path : null;
        } catch (InvalidPathException e) {
            return null; // not a usable path, so it can only have been meant as a name
        }
    }

    /**
     * The error for a name that is neither built in nor an existing file: a missing file when
     * {@code nameOrPath} looks like a path (has a directory separator or ends in .json), else an
     * unknown name listing the known ones.
     */
    static UserInputException notFound(String kind, String nameOrPath, List<String> names) {
        boolean path = nameOrPath.indexOf('/') >= 0 || nameOrPath.indexOf(File.separatorChar) >= 0
                || nameOrPath.toLowerCase(Locale.ROOT).endsWith(".json");
        if (!path) return new UnknownNameException(kind, nameOrPath, names);
        return new UserInputException(nameOrPath + ": no such file (nor a built-in " + kind + ": " + String.join(", ", names) + ")");
    }

    /**
     * The text of a resource bundled next to {@code anchor}.
     *
     * @throws IllegalStateException if it is missing: the jar is broken, not the user's input
     */
    static String bundled(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("bundled resource " + resource + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + resource, e);
        }
    }
}
