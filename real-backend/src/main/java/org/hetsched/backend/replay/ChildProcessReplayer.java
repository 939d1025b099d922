package org.hetsched.backend.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.backend.host.HostBackend;

/**
 * Runs a replay in a child JVM (this JVM's {@code java} binary and class path, main
 * {@link ReplayMain}) so that a native crash ends the child, not the caller. The child's output
 * file is parsed back into a {@link ReplayResult} over the same graph, rebuilt here from the request.
 * The child writes any JVM crash report to a temp directory (kept, the exception names it), not
 * the working directory, and no core dump. Stateless apart from its settings; safe to share.
 */
public final class ChildProcessReplayer {
    private static final int STDERR_TAIL_LINES = 15;

    private final List<String> jvmOptions;
    private final Class<?> mainClass;

    /** @param jvmOptions extra options for the child JVM, e.g. {@code -Xmx4g} */
    public ChildProcessReplayer(List<String> jvmOptions) {
        this(jvmOptions, ReplayMain.class);
    }

    /**
     * A replayer whose child runs {@code mainClass} instead of {@link ReplayMain}: a class on this
     * JVM's class path that takes ReplayMain's arguments and keeps its exit codes (tests use one
     * that fails in the child on purpose).
     */
    ChildProcessReplayer(List<String> jvmOptions, Class<?> mainClass) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.mainClass = mainClass;
    }

    /**
     * @throws ReplayProcessException if the child exits non-zero or dies by a signal, with its exit
     *     code and the last lines of its stderr
     */
    public ReplayResult replay(ReplayRequest request) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("hetsched-replay");
            Path out = dir.resolve("replay.json");
            Path log = dir.resolve("child.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"));
            command.add("-XX:-CreateCoredumpOnCrash");
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass.getName());
            command.add(out.toString());
            command.addAll(request.toArgs());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int exit = process.waitFor();
            if (exit != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new ReplayProcessException(exit, crashSignal(lines),
                        List.copyOf(lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size())));
            }
            return ReplayJson.read(Files.readString(out, StandardCharsets.UTF_8), request.graph(), HostBackend.lanes());
        } catch (IOException e) {
            throw new ReplayException("could not run the replay child process: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while waiting for the replay child process", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** HotSpot's crash banner starts with this line and names the signal a few lines below ("#  SIGSEGV (0xb) at pc=..."). */
    private static String crashSignal(List<String> lines) {
        boolean banner = false;
        for (String line : lines) {
            if (line.contains("A fatal error has been detected by the Java Runtime Environment")) banner = true;
            else if (banner && line.matches("#\\s+SIG[A-Z]+.*")) return line.substring(1).trim();
        }
        return banner ? "unknown signal" : null;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (var files = Files.walk(dir)) {
            // a JVM crash report (hs_err_pid*.log) stays: the exception message points at it
            files.sorted(java.util.Comparator.reverseOrder())
                    .filter(p -> !p.getFileName().toString().startsWith("hs_err"))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a leftover temp directory is harmless; the replay result matters more
        }
    }
}
