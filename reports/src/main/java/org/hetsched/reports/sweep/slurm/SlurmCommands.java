package org.hetsched.reports.sweep.slurm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hetsched.core.UserInputException;

/**
 * {@link SlurmQueue} through Slurm's own commands on this machine ({@code squeue}, and
 * {@code sbatch} inside the job's submit script), found on the PATH; they reach the cluster that
 * {@code SLURM_CONF} (or the system's configuration) names. Stateless.
 */
public final class SlurmCommands implements SlurmQueue {
    private static final long TIMEOUT_SECONDS = 120;

    @Override
    public Optional<Live> live(String jobName) {
        if (onPath("squeue").isEmpty()) return Optional.empty();
        // --all: jobs in hidden partitions too; the user's SQUEUE_* settings (states, partitions, format) are cleared in run
        Output out = run(List.of("squeue", "--noheader", "--all", "--array", "--name=" + jobName + "," + jobName + "-merge",
                "--format=%i|%T|%j"), "squeue");
        Map<Integer, String> shards = new HashMap<>();
        Optional<String> merge = Optional.empty();
        for (String line : out.text().split("\n")) {
            String[] f = line.trim().split("\\|", -1);
            if (f.length != 3) continue;
            String state = f[1] + " job " + f[0];
            if (f[2].equals(jobName + "-merge")) {
                merge = Optional.of(state);
            } else if (f[2].equals(jobName) && f[0].matches("\\d+_\\d+")) {
                shards.put(Integer.parseInt(f[0].substring(f[0].indexOf('_') + 1)), state);
            }
        }
        return Optional.of(new Live(shards, merge));
    }

    @Override
    public void checkCanSubmit() {
        if (onPath("sbatch").isEmpty()) {
            throw new UserInputException("sbatch is not on the PATH: submit from a machine of the Slurm cluster (its login node), "
                    + "or write the job without --submit and run its submit script there");
        }
    }

    @Override
    public List<String> submit(Path jobDir, String argument) {
        checkCanSubmit();
        List<String> command = argument.isEmpty() ? List.of("bash", jobDir.resolve(SlurmScripts.SUBMIT).toString())
                : List.of("bash", jobDir.resolve(SlurmScripts.SUBMIT).toString(), argument);
        return run(command, "submitting").text().lines().filter(l -> !l.isBlank()).toList();
    }

    private record Output(String text) {
    }

    private static Output run(List<String> command, String what) {
        try {
            Path err = Files.createTempFile("hetsched-slurm", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
                builder.environment().keySet().removeIf(name -> name.startsWith("SQUEUE_"));
                Process p = builder.start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new UserInputException(what + " did not finish in " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
                }
                if (p.exitValue() != 0) {
                    String said = Files.readString(err, StandardCharsets.UTF_8).strip().replace('\n', ' ');
                    String done = out.strip().replace("\n", "; ");
                    throw new UserInputException(what + " failed (" + String.join(" ", command) + ", exit " + p.exitValue() + "): "
                            + (said.isEmpty() ? "no message" : said) + (done.isEmpty() ? "" : "; before that: " + done));
                }
                return new Output(out);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UserInputException(what + ": cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
