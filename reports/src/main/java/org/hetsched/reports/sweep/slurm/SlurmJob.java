package org.hetsched.reports.sweep.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.hetsched.core.UserInputException;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.sweep.Shard;
import org.hetsched.reports.sweep.SweepConfig;
import org.hetsched.reports.sweep.SweepConfigReader;
import org.hetsched.reports.sweep.SweepJob;
import org.hetsched.reports.sweep.SweepRow;
import org.hetsched.reports.sweep.slurm.ShardStatus.State;

/**
 * A sweep as a Slurm job, in a folder of its own: {@value SlurmJobSpec#FILE} (what it runs),
 * {@value SlurmScripts#ARRAY} (task i runs shard i), {@value SlurmScripts#MERGE},
 * {@value SlurmScripts#SUBMIT}, and as it runs {@code logs/}, {@code shards/i/} and the merged
 * {@code results/}. A shard counts as done only when its folder verifies (its manifest is of this
 * sweep and shard and its results.csv has the recorded digest), so resuming resubmits exactly the
 * shards without valid results and the merge gives the unsharded sweep's bytes however many
 * attempts a shard took. Stateless.
 */
public final class SlurmJob {
    /** Characters allowed in a job folder's path: it is written into #SBATCH lines, which no shell quotes. */
    private static final String PLAIN_PATH = "[A-Za-z0-9._/+@,=-]+";
    /** The job folder's copy of the hetsched jar its tasks run. */
    static final String JAR = "hetsched.jar";

    private SlurmJob() {
    }

    /**
     * @param config      the sweep configuration
     * @param dir         the job folder (new or empty)
     * @param shards      tasks in the array; empty to choose by {@link ShardCount#estimate}
     * @param maxParallel at most this many tasks at once, 0 for no limit
     * @param sbatch      extra options for both sbatch calls
     * @param jar         the hetsched jar the tasks run; empty for the one running now
     */
    public record Request(Path config, Path dir, Optional<Integer> shards, int maxParallel, SbatchOptions sbatch,
                          Optional<Path> jar) {
    }

    /** A job folder just written; {@code estimate} says how the shard count was chosen when it was not given. */
    public record Written(Path dir, SlurmJobSpec spec, Optional<ShardCount.Estimate> estimate) {
        /** How to go on, for the user. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("Slurm job for sweep '" + spec.sweep() + "' (" + spec.points() + " points) written to " + dir);
            estimate.ifPresent(e -> lines.add(e.explain()));
            if (estimate.isEmpty()) lines.add(spec.shards() + " shards (--shards)");
            lines.add("submit: " + dir.resolve(SlurmScripts.SUBMIT) + "   (merged results land in " + dir.resolve(SlurmScripts.RESULTS)
                    + ")");
            return lines;
        }
    }

    /**
     * Writes the job folder, all of it or nothing.
     *
     * @throws UserInputException on a bad configuration, a folder that is not new or empty, or a
     *                            shard count the sweep cannot be cut into
     */
    public static Written write(Request request) {
        Path dir = plainAbsolute(request.dir(), "--slurm");
        if (Files.exists(dir.resolve(SlurmJobSpec.FILE))) {
            SlurmJobSpec earlier = SlurmJobSpec.read(dir);
            throw new UserInputException(dir + " already holds the Slurm job of sweep '" + earlier.sweep() + "'; see it with --status, "
                    + "resubmit what has no results with --resume, or write the new job to another folder");
        }
        if (Files.exists(dir) && !isEmptyDirectory(dir)) {
            throw new UserInputException("--slurm " + dir + " is not empty and holds no Slurm job; name a new or empty folder");
        }
        if (request.maxParallel() < 0) throw new UserInputException("--max-parallel must be >= 0 (0: no limit), got " + request.maxParallel());
        OutputFiles.checkWritable(dir, true);
        Path configFile = request.config().toAbsolutePath().normalize();
        SweepConfig config = SweepConfigReader.read(configFile);
        int groups = ShardCount.groups(config);
        Optional<ShardCount.Estimate> estimate = Optional.empty();
        int shards;
        if (request.shards().isPresent()) {
            shards = request.shards().get();
            if (shards < 1) throw new UserInputException("--shards must be >= 1, got " + shards);
            if (shards > groups) {
                throw new UserInputException("--shards " + shards + ": sweep '" + config.name() + "' has " + groups + " workload groups "
                        + "(model x device x plan x prompt x chunk), the unit a shard takes; use at most " + groups);
            }
        } else {
            estimate = Optional.of(ShardCount.estimate(config));
            shards = estimate.get().shards();
        }
        Path source = request.jar().map(p -> p.toAbsolutePath().normalize()).orElseGet(SlurmJob::runningJar);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the job's own copy: rebuilding hetsched (./hetsched does when its sources change) leaves the job alone
        SlurmJobSpec spec = new SlurmJobSpec(config.name(), jobName(config.name(), dir), configFile, config.fingerprint(),
                config.points().size(), groups, shards, request.maxParallel(), request.sbatch(), java, dir.resolve(JAR), sha256(source));
        new OutputFiles()
                .add(JAR, out -> Files.copy(source, out))
                .add(SlurmJobSpec.FILE, spec::write)
                .add(SlurmScripts.ARRAY, out -> out.write(SlurmScripts.array(dir, spec).getBytes(StandardCharsets.UTF_8)))
                .add(SlurmScripts.MERGE, out -> out.write(SlurmScripts.merge(dir, spec).getBytes(StandardCharsets.UTF_8)))
                .add(SlurmScripts.SUBMIT, out -> out.write(SlurmScripts.submit(dir, spec).getBytes(StandardCharsets.UTF_8)))
                .writeTo(dir);
        try {
            for (String script : List.of(SlurmScripts.ARRAY, SlurmScripts.MERGE, SlurmScripts.SUBMIT)) makeExecutable(dir.resolve(script));
            Files.createDirectories(dir.resolve(SlurmScripts.LOGS));
            Files.createDirectories(dir.resolve(SlurmScripts.SHARDS));
        } catch (IOException e) {
            throw new UserInputException("cannot finish the job folder " + dir + ": " + e.getMessage(), e);
        }
        return new Written(dir, spec, estimate);
    }

    /** Submits every shard of a job just written, and the merge after them. */
    public static List<String> submit(Path dir, SlurmQueue queue) {
        return submit(queue, plainAbsolute(dir, "--slurm"), "");
    }

    /** Runs the submit script; a failure says that the folder stands and how to go on. */
    private static List<String> submit(SlurmQueue queue, Path job, String argument) {
        try {
            return queue.submit(job, argument);
        } catch (UserInputException e) {
            throw new UserInputException(e.getMessage() + ". The job folder " + job + " stands: once the cause is fixed, see what "
                    + "is in the queue with --status and submit what is missing with --resume (a cause in the job's own --sbatch "
                    + "options needs a new job in another folder)", e);
        }
    }

    /**
     * Where every shard and the merge stand.
     *
     * @param config the sweep configuration, which must be the job's
     */
    public static JobStatus status(Path config, Path dir, SlurmQueue queue) {
        Path job = plainAbsolute(dir, "--slurm");
        SlurmJobSpec spec = SlurmJobSpec.read(job);
        checkSameSweep(config, spec);
        Optional<SlurmQueue.Live> live = queue.live(spec.jobName());
        List<ShardStatus> shards = new ArrayList<>();
        for (int i = 0; i < spec.shards(); i++) {
            int index = i;
            shards.add(shardStatus(job, spec, i, live.map(l -> l.shards().get(index))));
        }
        Optional<String> problem = SweepJob.check(job.resolve(SlurmScripts.RESULTS), spec.fingerprint(), Shard.ALL);
        String merged = problem.isEmpty() ? "done: " + job.resolve(SlurmScripts.RESULTS)
                : live.flatMap(SlurmQueue.Live::merge).map(String::toLowerCase).orElse("not done (" + problem.get() + ")");
        return new JobStatus(job, spec, shards, problem.isEmpty(), merged, live.isPresent(),
                live.map(SlurmQueue.Live::isEmpty).orElse(true));
    }

    /**
     * Resubmits the shards without valid results (failed, killed, never run or changed) and a
     * merge after them; or only the merge, when every shard is done but the merged results are not.
     *
     * @return the status before, then what was submitted
     * @throws UserInputException while any of the job is still queued or running, or when the
     *                            configuration or jar is no longer the job's
     */
    public static List<String> resume(Path config, Path dir, SlurmQueue queue) {
        JobStatus status = status(config, dir, queue);
        SlurmJobSpec spec = status.spec();
        if (!status.queueKnown()) {
            throw new UserInputException("cannot resume: squeue is not on the PATH, so hetsched cannot tell which shards are still "
                    + "queued or running; run this on the cluster's login node");
        }
        if (!status.queueEmpty()) {
            throw new UserInputException("cannot resume yet: job '" + spec.jobName() + "' still has " + String.join(", ", status.inQueue())
                    + "; wait for it to end (or scancel it), then resume");
        }
        if (!Files.isRegularFile(spec.jar()) || !sha256(spec.jar()).equals(spec.jarSha256())) {
            throw new UserInputException("cannot resume: the jar the job runs, " + spec.jar() + ", is gone or was replaced since the "
                    + "job was written, so resubmitted shards might not compute what the others did; write a new job to another folder");
        }
        List<String> lines = new ArrayList<>(status.lines());
        List<Integer> rerun = status.shards().stream().filter(s -> s.state().needsRerun()).map(ShardStatus::index).toList();
        if (status.mergedDone()) {
            lines.add("nothing to resubmit: the merged results are done" + (rerun.isEmpty() ? ", and every shard" : " (shards "
                    + arrayList(rerun) + " have no results of their own any more; the merge does not need them)"));
            return lines;
        }
        if (rerun.isEmpty()) {
            lines.add("every shard is done; resubmitting the merge");
            lines.addAll(submit(queue, status.dir(), "--merge-only"));
        } else {
            String list = arrayList(rerun);
            lines.add("resubmitting " + rerun.size() + " of " + spec.shards() + " shards (" + list + ") and the merge after them");
            lines.addAll(submit(queue, status.dir(), list));
        }
        return lines;
    }

    /**
     * Merges a finished job's shards into its results folder.
     *
     * @throws UserInputException naming every shard without valid results, with its log
     */
    public static List<SweepRow> merge(Path dir, SweepJob.Extras extras) {
        Path job = plainAbsolute(dir, "--slurm");
        SlurmJobSpec spec = SlurmJobSpec.read(job);
        List<String> problems = new ArrayList<>();
        List<Path> shardDirs = new ArrayList<>();
        for (int i = 0; i < spec.shards(); i++) {
            Path shardDir = shardDir(job, i);
            shardDirs.add(shardDir);
            Optional<String> problem = SweepJob.check(shardDir, spec.fingerprint(), spec.shard(i));
            if (problem.isPresent()) {
                problems.add("shard " + i + " (" + problem.get() + "; log " + latestLog(job, i).map(Path::toString).orElse("none: it never ran")
                        + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new UserInputException("cannot merge sweep '" + spec.sweep() + "': " + problems.size() + " of " + spec.shards()
                    + " shards have no valid results: " + String.join(", ", problems) + "; rerun them with: hetsched sweep "
                    + spec.config() + " --slurm " + job + " --resume");
        }
        return SweepJob.merge(shardDirs, job.resolve(SlurmScripts.RESULTS), extras);
    }

    /** Where the merged results of the job in {@code dir} go. */
    public static Path resultsDir(Path dir) {
        return dir.toAbsolutePath().normalize().resolve(SlurmScripts.RESULTS);
    }

    /** A Slurm array list of {@code indices} (ascending): runs collapsed, e.g. 0-2,5,7-8. */
    static String arrayList(List<Integer> indices) {
        StringBuilder list = new StringBuilder();
        for (int k = 0; k < indices.size(); ) {
            int start = indices.get(k);
            int end = start;
            while (k + 1 < indices.size() && indices.get(k + 1) == end + 1) end = indices.get(++k);
            k++;
            if (list.length() > 0) list.append(',');
            list.append(start == end ? Integer.toString(start) : start + "-" + end);
        }
        return list.toString();
    }

    private static ShardStatus shardStatus(Path job, SlurmJobSpec spec, int i, Optional<String> queued) {
        Optional<Path> log = latestLog(job, i);
        if (queued.isPresent()) {
            String slurmState = queued.get().substring(0, queued.get().indexOf(' '));
            // waiting to start (again); every other state in the queue has the task on a node
            boolean waiting = slurmState.equals("PENDING") || slurmState.startsWith("REQUEUE") || slurmState.equals("SPECIAL_EXIT")
                    || slurmState.equals("RESV_DEL_HOLD");
            State state = waiting ? State.QUEUED : State.RUNNING;
            String detail = queued.get().substring(slurmState.length() + 1)
                    + (slurmState.equals("PENDING") || slurmState.equals("RUNNING") ? "" : " (" + slurmState.toLowerCase() + ")");
            return new ShardStatus(i, state, detail, log);
        }
        Path shardDir = shardDir(job, i);
        Optional<String> problem = SweepJob.check(shardDir, spec.fingerprint(), spec.shard(i));
        if (problem.isEmpty()) return new ShardStatus(i, State.DONE, "results in " + shardDir, log);
        if (Files.exists(shardDir.resolve(SweepJob.RESULTS)) || Files.exists(shardDir.resolve("sweep.json"))) {
            return new ShardStatus(i, State.INVALID, problem.get(), log);
        }
        if (log.isPresent()) return new ShardStatus(i, State.FAILED, "no results; last log line: " + lastLine(log.get()), log);
        return new ShardStatus(i, State.NOT_RUN, "no results and no log", log);
    }

    static Path shardDir(Path job, int i) {
        return job.resolve(SlurmScripts.SHARDS).resolve(Integer.toString(i));
    }

    /** The log of shard {@code i}'s latest task: logs/shard-i.JOBID.log with the largest job id. */
    static Optional<Path> latestLog(Path job, int i) {
        Path logs = job.resolve(SlurmScripts.LOGS);
        if (!Files.isDirectory(logs)) return Optional.empty();
        String prefix = "shard-" + i + ".";
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".log") && name.substring(prefix.length(), name.length() - 4).matches("\\d+");
            }).max(Comparator.comparingLong(f -> {
                String name = f.getFileName().toString();
                return Long.parseLong(name.substring(prefix.length(), name.length() - 4));
            }));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) return "(empty)";
            String last = lines.get(lines.size() - 1).strip();
            return "\"" + (last.length() > 200 ? last.substring(0, 200) + "…" : last) + "\"";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void checkSameSweep(Path config, SlurmJobSpec spec) {
        String given = SweepConfigReader.read(config).fingerprint();
        if (!given.equals(spec.fingerprint())) {
            throw new UserInputException(config + " is not the sweep of the job in --slurm (that is " + spec.config() + ", fingerprint "
                    + spec.fingerprint() + "; this is " + given + "); if the file was edited since the job was written, write a new "
                    + "job to another folder");
        }
        if (!config.toAbsolutePath().normalize().equals(spec.config())) {
            String recorded = SweepConfigReader.read(spec.config()).fingerprint();
            if (!recorded.equals(spec.fingerprint())) {
                throw new UserInputException(spec.config() + ", which the job's tasks run, changed since the job was written; "
                        + "write a new job to another folder");
            }
        }
    }

    private static Path plainAbsolute(Path dir, String option) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!absolute.toString().matches(PLAIN_PATH)) {
            throw new UserInputException(option + " " + dir + ": the job folder's path goes into #SBATCH lines, so it may hold only "
                    + "letters, digits and . _ / + @ , = - (no spaces or %); choose another folder");
        }
        return absolute;
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static String jobName(String sweep, Path dir) {
        String plain = sweep.replaceAll("[^A-Za-z0-9._-]", "_");
        if (plain.length() > 40) plain = plain.substring(0, 40);
        String where = HexFormat.of().formatHex(digest(dir.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 6);
        return "hetsched-" + plain + "-" + where;
    }

    /** The jar this code runs from. */
    private static Path runningJar() {
        try {
            Path location = Path.of(SlurmJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location) && isRunnable(location)) return location.toAbsolutePath().normalize();
            throw new UserInputException("--slurm: the job's tasks run hetsched's runnable jar, but this hetsched runs from "
                    + location + "; run it as java -jar hetsched.jar (or ./hetsched)");
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new UserInputException("--slurm: cannot tell which jar this hetsched runs from; run it as java -jar hetsched.jar", e);
        }
    }

    /** Whether {@code file} is a jar that {@code java -jar} runs (its manifest names a Main-Class), not a library's jar. */
    private static boolean isRunnable(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String sha256(Path file) {
        MessageDigest digest = messageDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) digest.update(buffer, 0, n);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] digest(byte[] bytes) {
        return messageDigest().digest(bytes);
    }

    private static MessageDigest messageDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            if (permissions.contains(PosixFilePermission.OWNER_READ)) permissions.add(PosixFilePermission.OWNER_EXECUTE);
            if (permissions.contains(PosixFilePermission.GROUP_READ)) permissions.add(PosixFilePermission.GROUP_EXECUTE);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) permissions.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(file, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the scripts are run as "bash FILE"
        }
    }
}
