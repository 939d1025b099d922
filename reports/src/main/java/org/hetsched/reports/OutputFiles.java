package org.hetsched.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.format.IoFailure;

/**
 * Writes a set of files into one directory all or nothing: everything goes to temporary files
 * beside the targets first and is renamed into place only when every file was written, so a
 * failure never leaves half the output behind. Single-threaded.
 */
public final class OutputFiles {

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
        return write(directory, "output to " + directory);
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
        requireNamed(directory);
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
                Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
                staged.put(temp, target);
                try (OutputStream out = Files.newOutputStream(temp)) {
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
                written.add(move.getValue());
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
