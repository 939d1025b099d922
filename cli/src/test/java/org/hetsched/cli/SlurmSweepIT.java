package org.hetsched.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hetsched sweep --slurm} end to end, through the job folder's own scripts and the built jar:
 * once as array tasks run by hand (no cluster needed), once on a real Slurm cluster with one task
 * killed on purpose and the job resumed. The merged results must be the unsharded sweep's, byte
 * for byte, both times.
 *
 * <p>The cluster test needs {@code HETSCHED_SLURM_CONF} to name the slurm.conf of a cluster it may
 * submit to and cancel its own jobs on; {@code .ci/slurm-cluster start DIR} starts a single-node one
 * on localhost from Debian's packages (DIR/slurm.conf). It is skipped without, and fails under
 * {@code CI=true} without, since .ci/run starts one.
 */
class SlurmSweepIT {
    private static final String ENABLE = "set HETSCHED_SLURM_CONF to a slurm.conf (.ci/slurm-cluster start DIR starts a "
            + "single-node cluster on localhost; then HETSCHED_SLURM_CONF=DIR/slurm.conf)";
    private static final long WAIT_SECONDS = 180;
    /** Four shards of two workload groups each, a couple of seconds per task: long enough to be killed mid-run. */
    private static final String CONFIG = """
            name: slurm-it
            models: [qwen1.5-1.8b]
            devices: [sd8gen3, sd8gen2]
            plans: [llm.npu]
            prompts: [1024, 2048]
            chunks: [32, 64]
            policies: [in-order, ooe, heft]
            """;
    private static final List<String> COMPARED = List.of("results.csv", "results.json", "sweep.json");

    private record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Path jar() {
        String jar = System.getProperty("hetsched.jar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "the build's jar, from -Dhetsched.jar: " + jar);
        return Path.of(jar);
    }

    private static Result run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("it", ".out");
        Path err = Files.createTempFile("it", ".err");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("did not finish in " + WAIT_SECONDS + " s: " + command);
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private static Result hetsched(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar().toString()));
        command.addAll(List.of(args));
        return run(env, command);
    }

    private static Path unsharded(Path dir) throws IOException, InterruptedException {
        Path config = dir.resolve("sweep.yaml");
        Files.writeString(config, CONFIG);
        Result all = hetsched(Map.of(), "sweep", config.toString(), "--out", dir.resolve("all").toString());
        assertEquals(0, all.exitCode(), all.all());
        return config;
    }

    private static void assertSameResults(Path expected, Path actual) throws IOException {
        for (String file : COMPARED) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(file)), Files.readAllBytes(actual.resolve(file)), file);
        }
    }

    @Test
    void theJobsScriptsRunAsArrayTasksAndMergeIntoTheUnshardedSweep(@TempDir Path dir) throws Exception {
        Path config = unsharded(dir);
        Path job = dir.resolve("job");
        Result written = hetsched(Map.of(), "sweep", config.toString(), "--slurm", job.toString(), "--shards", "4");
        assertEquals(0, written.exitCode(), written.all());
        for (int task : new int[] {3, 1, 0, 2}) {
            // a resubmission of one task says SLURM_ARRAY_TASK_COUNT=1: the script must not care
            Result r = run(Map.of("SLURM_ARRAY_TASK_ID", Integer.toString(task), "SLURM_ARRAY_TASK_COUNT", "1"),
                    List.of("bash", job.resolve("sweep.sbatch").toString()));
            assertEquals(0, r.exitCode(), r.all());
            assertTrue(r.out().contains("shard " + task + "/4"), r.out());
        }
        Result outside = run(Map.of("SLURM_ARRAY_TASK_ID", "4"), List.of("bash", job.resolve("sweep.sbatch").toString()));
        assertEquals(2, outside.exitCode(), outside.all());
        assertTrue(outside.err().contains("the sweep has 4 shards"), outside.err());
        Result merge = run(Map.of(), List.of("bash", job.resolve("merge.sbatch").toString()));
        assertEquals(0, merge.exitCode(), merge.all());
        assertSameResults(dir.resolve("all"), job.resolve("results"));
    }

    @Test
    void aSweepRunsOnARealSlurmClusterSurvivesAKilledTaskAndResumes(@TempDir Path dir) throws Exception {
        String slurmConf = System.getenv("HETSCHED_SLURM_CONF");
        boolean configured = slurmConf != null && !slurmConf.isBlank();
        if ("true".equals(System.getenv("CI"))) assertTrue(configured, "CI must run the Slurm test: " + ENABLE);
        Assumptions.assumeTrue(configured, "Slurm test skipped: " + ENABLE);
        long start = System.nanoTime();
        Map<String, String> slurm = Map.of("SLURM_CONF", slurmConf);
        Path config = unsharded(dir);
        Path job = dir.resolve("job");

        Result submitted = hetsched(slurm, "sweep", config.toString(), "--slurm", job.toString(), "--shards", "4", "--max-parallel", "2",
                "--submit");
        assertEquals(0, submitted.exitCode(), submitted.all());
        String array = jobId(submitted.out(), "array job (\\d+)");
        String firstMerge = jobId(submitted.out(), "merge job (\\d+)");
        String jobName = new String(Files.readAllBytes(job.resolve("job.json")), StandardCharsets.UTF_8)
                .replaceAll("(?s).*\"jobName\" : \"([^\"]+)\".*", "$1");

        // kill task 1 while it runs
        awaitState(slurm, array + "_1", "RUNNING");
        Result cancel = run(slurm, List.of("scancel", array + "_1"));
        assertEquals(0, cancel.exitCode(), cancel.all());
        awaitEmptyQueue(slurm, jobName);

        assertFalse(Files.exists(job.resolve("results")), "the merge must not run after a failed task");
        assertEquals("CANCELLED", completionState(slurmConf, firstMerge), "Slurm cancels the merge whose dependency failed");
        Result status = hetsched(slurm, "sweep", config.toString(), "--slurm", job.toString(), "--status");
        assertEquals(0, status.exitCode(), status.all());
        Path log = job.resolve("logs").resolve("shard-1." + array + ".log");
        assertTrue(status.out().contains("shard 1: failed") && status.out().contains("log " + log), status.out());
        assertTrue(Files.readString(log).contains("CANCELLED"), Files.readString(log));
        Map<Integer, FileTime> finished = new HashMap<>();
        for (int shard : new int[] {0, 2, 3}) {
            finished.put(shard, Files.getLastModifiedTime(job.resolve("shards").resolve(Integer.toString(shard)).resolve("results.csv")));
        }

        Result resumed = hetsched(slurm, "sweep", config.toString(), "--slurm", job.toString(), "--resume");
        assertEquals(0, resumed.exitCode(), resumed.all());
        assertTrue(resumed.out().contains("resubmitting 1 of 4 shards (1)"), resumed.out());
        awaitEmptyQueue(slurm, jobName);

        assertSameResults(dir.resolve("all"), job.resolve("results"));
        for (Map.Entry<Integer, FileTime> e : finished.entrySet()) {
            assertEquals(e.getValue(), Files.getLastModifiedTime(job.resolve("shards").resolve(e.getKey().toString()).resolve("results.csv")),
                    "shard " + e.getKey() + " was done and must not run again");
        }
        Result done = hetsched(slurm, "sweep", config.toString(), "--slurm", job.toString(), "--resume");
        assertTrue(done.exitCode() == 0 && done.out().contains("nothing to resubmit"), done.all());
        System.out.printf("SlurmSweepIT: submit, kill, resume and merge on the cluster took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static String jobId(String out, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(out);
        assertTrue(m.find(), "no " + pattern + " in: " + out);
        return m.group(1);
    }

    private static void awaitState(Map<String, String> slurm, String task, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Result r = run(slurm, List.of("squeue", "--noheader", "--array", "--jobs=" + task, "--format=%T"));
            if (r.out().strip().equals(state)) return;
            Thread.sleep(20);
        }
        fail(task + " never reached " + state + ": " + run(slurm, List.of("squeue", "--array")).all());
    }

    private static void awaitEmptyQueue(Map<String, String> slurm, String jobName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Result r = run(slurm, List.of("squeue", "--noheader", "--name=" + jobName + "," + jobName + "-merge"));
            assertEquals(0, r.exitCode(), r.all());
            if (r.out().isBlank()) return;
            Thread.sleep(200);
        }
        fail("job " + jobName + " still in the queue after " + WAIT_SECONDS + " s: " + run(slurm, List.of("squeue", "--array")).all());
    }

    /** The job's final state in the cluster's job-completion file (JobCompLoc of its slurm.conf). */
    private static String completionState(String slurmConf, String jobId) throws Exception {
        String conf = Files.readString(Path.of(slurmConf));
        Matcher loc = Pattern.compile("(?m)^JobCompLoc=(\\S+)").matcher(conf);
        assertTrue(loc.find(), "the test cluster records finished jobs in a text file (JobCompLoc): " + slurmConf);
        Pattern line = Pattern.compile("(?m)^JobId=" + jobId + " .*?JobState=(\\S+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Path file = Path.of(loc.group(1));
            if (Files.exists(file)) {
                Matcher m = line.matcher(Files.readString(file));
                if (m.find()) return m.group(1);
            }
            Thread.sleep(100);
        }
        return "(not recorded)";
    }
}
