package org.hetsched.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.format.IoFailure;

/**
 * Writes a set of files into one directory all or nothing: everything goes to temporary files
 * beside the targets first and is renamed into place only when every file was written, so a
 * failure never leaves half the output behind. Single-threaded.
 *
 * <p>Files are created as any program's are, with the permissions the umask leaves. Temporary
 * files are named {@code .<name>.<pid>.partial}: they are deleted when the JVM shuts down (also on
 * SIGTERM and SIGINT), and a later write into the same folder deletes those of processes that no
 * longer run. A directory written as a whole ({@link #writeTo}) keeps the list of the files it
 * got in {@value #OWNED}; the next write there removes the listed files it does not write again
 * (stale charts of an earlier run), and never a file it did not write.
 */
public final class OutputFiles {
    /** The list of the files a {@link #writeTo} wrote into its directory, one relative name per line. */
    public static final String OWNED = ".hetsched-files";
    private static final Pattern PARTIAL = Pattern.compile("^\\..+\\.(\\d+)\\.partial$");
    private static final long PID = ProcessHandle.current().pid();
    /** Temporary files of writes under way in this JVM, deleted by the shutdown hook. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path temp : IN_FLIGHT) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort while the JVM goes down
                }
            }
        }, "hetsched-partial-cleanup"));
    }

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private final Map<String, Writer> files = new LinkedHashMap<>();

    /** Adds a file, by name relative to the directory (it may name a subfolder: "charts/a.svg"). */
    public OutputFiles add(String fileName, Writer writer) {
        files.put(fileName, writer);
        return this;
    }

    /**
     * Writes every file into {@code directory}, creating it if needed.
     *
     * @throws UserInputException if the directory cannot be created or written (nothing is left behind)
     */
    public List<Path> writeTo(Path directory) {
        Set<String> earlier = owned(directory);
        files.put(OWNED, out -> out.write(String.join("\n", ownedNames()).concat("\n").getBytes(StandardCharsets.UTF_8)));
        List<Path> written = write(directory, "output to " + directory);
        for (String name : earlier) {
            if (files.containsKey(name)) continue;
            try {
                Files.deleteIfExists(directory.resolve(name));
            } catch (IOException ignored) {
                // a stale file that cannot go stays; the new results are complete either way
            }
        }
        return written;
    }

    /**
     * Checks, before any long work, that {@code location} could be written: it is named, and it or
     * its nearest existing ancestor is a writable directory.
     *
     * @param directory whether {@code location} is to be a directory (else a file)
     * @throws UserInputException saying why it cannot be written
     */
    public static void checkWritable(Path location, boolean directory) {
        requireNamed(location);
        Path absolute = location.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            if (directory && !Files.isDirectory(absolute)) throw new UserInputException("cannot write output to " + location + ": it exists and is not a directory");
            if (!directory && Files.isDirectory(absolute)) throw new UserInputException("cannot write " + location + ": it is a directory; name a file in it");
        }
        Path existing = Files.exists(absolute) && Files.isDirectory(absolute) ? absolute : absolute.getParent();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null || !Files.isDirectory(existing)) {
            throw new UserInputException("cannot write " + location + ": " + existing + " is not a directory");
        }
        // permissions alone do not tell (root passes them; /proc refuses new files whatever they say): try
        Path probe = existing.resolve(".hetsched-probe." + PID + ".partial");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (NoSuchFileException e) {
            throw new UserInputException("cannot write " + location + ": " + existing + " does not take new files (its file system, "
                    + fileSystemType(existing) + ", creates none)", e);
        } catch (IOException e) {
            throw new UserInputException("cannot write " + location + ": " + existing + ": " + IoFailure.reason(e), e);
        }
    }

    private static String fileSystemType(Path directory) {
        try {
            return Files.getFileStore(directory).type();
        } catch (IOException e) {
            return "of unknown type";
        }
    }

    /** The relative names this write owns: every file added, and the list itself. */
    private List<String> ownedNames() {
        return files.keySet().stream().sorted().toList();
    }

    /** The files an earlier {@link #writeTo} recorded in {@code directory}, or none. */
    private static Set<String> owned(Path directory) {
        Path list = directory.resolve(OWNED);
        if (!Files.isRegularFile(list)) return Set.of();
        try {
            Set<String> names = new LinkedHashSet<>();
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                // only plain relative names inside the folder: a hand-edited list cannot reach outside it
                Path name = Path.of(line).normalize();
                if (!line.isBlank() && !name.isAbsolute() && !name.startsWith("..")) names.add(name.toString());
            }
            return names;
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** Deletes the temporary files in {@code folder} left by processes that no longer run. */
    private static void removeAbandonedPartials(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".*.partial")) {
            for (Path entry : entries) {
                Matcher m = PARTIAL.matcher(entry.getFileName().toString());
                if (!m.matches()) continue;
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != PID && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                if (pid == PID && IN_FLIGHT.contains(entry)) continue;
                Files.deleteIfExists(entry);
            }
        } catch (IOException ignored) {
            // nothing to clean, or not allowed to: the write itself reports what matters
        }
    }

    /**
     * Writes one file all or nothing, creating its folder if needed: the single-file form of
     * {@link #writeTo}, for a command whose output is one named file.
     *
     * @return the file written
     * @throws UserInputException if {@code file} is a directory or cannot be written (nothing is left behind)
     */
    public static Path writeFile(Path file, Writer writer) {
        requireNamed(file);
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute) || absolute.getFileName() == null) {
            throw new UserInputException("cannot write " + file + ": it is a directory; name a file in it");
        }
        return new OutputFiles().add(absolute.getFileName().toString(), writer).write(absolute.getParent(), file.toString()).get(0);
    }

    /** {@code what} names the output in messages: "output to DIR", or the one file's name. */
    private List<Path> write(Path directory, String what) {
        checkWritable(directory, true);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UserInputException("cannot create output directory " + directory + ": " + reason(e), e);
        }
        Map<Path, Path> staged = new LinkedHashMap<>();
        boolean renamed = false;
        try {
            for (Map.Entry<String, Writer> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey()); // a name may hold a subfolder, e.g. charts/x.svg
                Files.createDirectories(target.getParent());
                removeAbandonedPartials(target.getParent());
                // created as any program creates a file, so the umask decides its permissions
                Path temp = target.resolveSibling("." + target.getFileName() + "." + PID + ".partial");
                IN_FLIGHT.add(temp);
                staged.put(temp, target);
                try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
                    file.getValue().write(out);
                }
            }
            // a rename can still fail once others are done; rule out the one failure that can be foreseen
            for (Path target : staged.values()) {
                if (Files.isDirectory(target)) throw new FileSystemException(target.toString(), null, "a directory is in the way");
            }
            List<Path> written = new ArrayList<>();
            for (Map.Entry<Path, Path> move : staged.entrySet()) {
                try {
                    Files.move(move.getKey(), move.getValue(), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(move.getKey(), move.getValue(), StandardCopyOption.REPLACE_EXISTING);
                }
                IN_FLIGHT.remove(move.getKey());
                if (!move.getValue().getFileName().toString().equals(OWNED)) written.add(move.getValue());
            }
            renamed = true;
            return written;
        } catch (IOException e) {
            throw new UserInputException("cannot write " + what + ": " + reason(e), e);
        } catch (UncheckedIOException e) {
            throw new UserInputException("cannot write " + what + ": " + reason(e.getCause()), e);
        } finally {
            // whatever failed (the disk, or a bug in a writer), no temporary file stays behind
            if (!renamed) {
                for (Path temp : staged.keySet()) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (IOException ignored) {
                        // best effort: the write already failed and that failure is what gets reported
                    }
                    IN_FLIGHT.remove(temp);
                }
            }
        }
    }

    /** An empty path (e.g. {@code --out ""}) names no place to write. */
    private static void requireNamed(Path path) {
        if (path.toString().isBlank()) throw new UserInputException("the output path is empty; name a directory or file to write to");
    }

    /** The failure in words: file-system exceptions carry only the path as their message. */
    private static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) return e.getMessage() + " exists and is not a directory";
        // the failing file may be a parent or a temporary file, not the one the message names
        return IoFailure.reason(e) + (e instanceof FileSystemException f && f.getFile() != null ? ": " + f.getFile() : "");
    }
}
