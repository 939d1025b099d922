package org.hetsched.reports.sweep.slurm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hetsched.core.UserInputException;
import org.hetsched.reports.sweep.Shard;
import org.hetsched.reports.sweep.SweepJob;
import org.hetsched.reports.sweep.SweepManifest;
import org.hetsched.reports.sweep.SweepProgress;
import org.hetsched.reports.sweep.slurm.ShardStatus.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job folder without a cluster: the tasks' work is done by running the shards the way the
 * array script does, and the queue is a fake that records submissions. A real cluster runs the
 * scripts themselves in the cli module's SlurmSweepIT.
 */
class SlurmJobTest {
    private static final String CONFIG = """
            name: t
            models: [qwen1.5-1.8b]
            devices: [sd8gen3, sd8gen2]
            plans: [llm.npu, cpu-only]
            prompts: [64, 300]
            chunks: [64]
            policies: [in-order, ooe]
            """;

    /** A queue with nothing in it that records what was submitted. */
    private static final class FakeQueue implements SlurmQueue {
        final List<String> submitted = new ArrayList<>();
        SlurmQueue.Live live = new SlurmQueue.Live(Map.of(), Optional.empty());

        @Override
        public Optional<Live> live(String jobName) {
            return Optional.of(live);
        }

        @Override
        public void checkCanSubmit() {
        }

        @Override
        public List<String> submit(Path jobDir, String argument) {
            submitted.add(argument);
            return List.of("submitted " + argument);
        }
    }

    private static Path config(Path dir) throws IOException {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, CONFIG);
        return file;
    }

    private static SlurmJob.Written write(Path dir, Path config, int shards) throws IOException {
        Path jar = dir.resolve("hetsched.jar");
        if (!Files.exists(jar)) Files.write(jar, new byte[] {1, 2, 3});
        return SlurmJob.write(new SlurmJob.Request(config, dir.resolve("job"), Optional.of(shards), 2,
                SbatchOptions.parse("--partition=short --time=00:30:00"), Optional.of(jar)));
    }

    /** What task {@code i} of the array does, and the log Slurm would leave. */
    private static void runTask(Path job, Path config, int i, int shards) throws IOException {
        Files.writeString(job.resolve("logs").resolve("shard-" + i + ".7.log"), "hetsched: shard " + i + "/" + shards + "\n");
        SweepJob.run(config, job.resolve("shards").resolve(Integer.toString(i)), new Shard(i, shards), 1, SweepProgress.NONE,
                SweepJob.Extras.NONE);
    }

    @Test
    void theArrayScriptFixesTheShardCountAndTakesOnlyTheTaskIndexFromSlurm(@TempDir Path dir) throws IOException {
        SlurmJob.Written written = write(dir, config(dir), 3);
        String array = Files.readString(written.dir().resolve("sweep.sbatch"));
        assertTrue(array.contains("shards=3\n"), array);
        assertTrue(array.contains("task=\"${SLURM_ARRAY_TASK_ID:?"), array);
        assertFalse(array.contains("$SLURM_ARRAY_TASK_COUNT") || array.contains("${SLURM_ARRAY_TASK_COUNT"), array);
        assertTrue(array.contains("#SBATCH --array=0-2%2\n"), array);
        assertTrue(array.contains("--shard \"$task/$shards\""), array);
        assertTrue(array.contains("jar='" + written.dir().resolve("hetsched.jar") + "'"), array);
        assertArrayEquals(Files.readAllBytes(dir.resolve("hetsched.jar")), Files.readAllBytes(written.dir().resolve("hetsched.jar")),
                "the job runs its own copy of the jar");
        String submit = Files.readString(written.dir().resolve("submit"));
        assertTrue(submit.contains("extra=('--partition=short' '--time=00:30:00')"), submit);
        assertTrue(submit.contains("--dependency=\"afterok:$array\" --kill-on-invalid-dep=yes"), submit);
        assertTrue(Files.isExecutable(written.dir().resolve("submit")));
        assertEquals(3, SlurmJobSpec.read(written.dir()).shards());
    }

    @Test
    void aSweepsNameCannotAddALineToTheScripts(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("sweep.yaml");
        Files.writeString(config, CONFIG.replace("name: t", "name: \"t\\ntouch pwned\""));
        SlurmJob.Written written = write(dir, config, 2);
        for (String script : List.of("sweep.sbatch", "merge.sbatch", "submit")) {
            String text = Files.readString(written.dir().resolve(script));
            assertTrue(text.lines().noneMatch(l -> l.startsWith("touch")), text);
            assertTrue(text.contains("t touch pwned"), text);
        }
    }

    @Test
    void aTaskRefusesAJarReplacedSinceTheJobWasWritten(@TempDir Path dir) throws Exception {
        Path job = write(dir, config(dir), 2).dir();
        Files.write(job.resolve("hetsched.jar"), new byte[] {9, 9});
        ProcessBuilder task = new ProcessBuilder("bash", job.resolve("sweep.sbatch").toString()).redirectErrorStream(true);
        task.environment().put("SLURM_ARRAY_TASK_ID", "1");
        Process p = task.start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), said);
        assertTrue(said.contains("was replaced since this job was written"), said);
    }

    @Test
    void resumeResubmitsExactlyTheShardsWithoutValidResultsAndTheMergeIsTheUnshardedSweep(@TempDir Path dir) throws IOException {
        Path config = config(dir);
        Path job = write(dir, config, 4).dir();
        FakeQueue queue = new FakeQueue();
        runTask(job, config, 0, 4);
        runTask(job, config, 2, 4);
        runTask(job, config, 3, 4);
        Files.writeString(job.resolve("logs").resolve("shard-1.7.log"), "*** JOB 9 CANCELLED ***\n");
        // shard 3's results edited after the task wrote them: not results any more
        Path edited = job.resolve("shards").resolve("3").resolve(SweepJob.RESULTS);
        Files.writeString(edited, Files.readString(edited).replaceFirst("\n(\\S)", "\n#$1"));

        JobStatus status = SlurmJob.status(config, job, queue);
        List<State> states = status.shards().stream().map(ShardStatus::state).toList();
        assertEquals(List.of(State.DONE, State.FAILED, State.DONE, State.INVALID), states);
        assertEquals(Optional.of(job.resolve("logs").resolve("shard-1.7.log")), status.shards().get(1).log());
        assertFalse(status.complete());

        UserInputException refused = assertThrows(UserInputException.class, () -> SlurmJob.merge(job, SweepJob.Extras.NONE));
        assertTrue(refused.getMessage().contains("shard 1 (no results; log " + job.resolve("logs").resolve("shard-1.7.log")),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("shard 3 (results.csv was changed"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--resume"), refused.getMessage());

        List<String> lines = SlurmJob.resume(config, job, queue);
        assertEquals(List.of("1,3"), queue.submitted);
        assertTrue(lines.stream().anyMatch(l -> l.contains("shard 1: failed")), lines.toString());

        runTask(job, config, 1, 4);
        runTask(job, config, 3, 4);
        SlurmJob.merge(job, SweepJob.Extras.NONE);
        SweepJob.run(config, dir.resolve("all"), Shard.ALL, 2, SweepProgress.NONE, SweepJob.Extras.NONE);
        for (String file : List.of(SweepJob.RESULTS, SweepManifest.FILE)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("all").resolve(file)), Files.readAllBytes(job.resolve("results").resolve(file)),
                    file);
        }
        assertTrue(SlurmJob.status(config, job, queue).complete());
        SlurmJob.resume(config, job, queue);
        assertEquals(List.of("1,3"), queue.submitted, "nothing more to submit");
        // shard folders deleted once merged (to save space): still nothing to submit
        Files.delete(job.resolve("shards").resolve("2").resolve(SweepJob.RESULTS));
        assertTrue(SlurmJob.resume(config, job, queue).stream().anyMatch(l -> l.startsWith("nothing to resubmit")));
        assertEquals(List.of("1,3"), queue.submitted);
    }

    @Test
    void resumeWaitsForTheQueueAndSubmitsTheMergeAloneWhenOnlyItIsMissing(@TempDir Path dir) throws IOException {
        Path config = config(dir);
        Path job = write(dir, config, 2).dir();
        FakeQueue queue = new FakeQueue();
        runTask(job, config, 0, 2);
        queue.live = new SlurmQueue.Live(Map.of(1, "RUNNING job 5_1"), Optional.of("PENDING job 6"));
        JobStatus status = SlurmJob.status(config, job, queue);
        assertEquals(State.RUNNING, status.shards().get(1).state());
        UserInputException busy = assertThrows(UserInputException.class, () -> SlurmJob.resume(config, job, queue));
        assertTrue(busy.getMessage().contains("shard 1 (job 5_1)") && busy.getMessage().contains("the merge (pending job 6)"),
                busy.getMessage());
        queue.live = new SlurmQueue.Live(Map.of(), Optional.empty());
        runTask(job, config, 1, 2);
        SlurmJob.resume(config, job, queue);
        assertEquals(List.of("--merge-only"), queue.submitted);
    }

    @Test
    void resumeRefusesAnotherSweepAndAReplacedJarButNotARebuiltHetsched(@TempDir Path dir) throws IOException {
        Path config = config(dir);
        Path job = write(dir, config, 2).dir();
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, CONFIG.replace("name: t", "name: u"));
        assertTrue(assertThrows(UserInputException.class, () -> SlurmJob.resume(other, job, new FakeQueue())).getMessage()
                .contains("is not the sweep of the job"));
        // rebuilding hetsched leaves the job's own copy alone
        Files.write(dir.resolve("hetsched.jar"), new byte[] {4});
        FakeQueue queue = new FakeQueue();
        SlurmJob.resume(config, job, queue);
        assertEquals(List.of("0-1"), queue.submitted);
        Files.write(job.resolve("hetsched.jar"), new byte[] {4});
        assertTrue(assertThrows(UserInputException.class, () -> SlurmJob.resume(config, job, new FakeQueue())).getMessage()
                .contains("was replaced"));
    }

    @Test
    void writingRefusesWhatCannotBecomeAJob(@TempDir Path dir) throws IOException {
        Path config = config(dir);
        write(dir, config, 2);
        assertTrue(assertThrows(UserInputException.class, () -> write(dir, config, 2)).getMessage().contains("already holds"));
        // 2 devices x 2 plans x 2 prompts x 1 chunk = 8 workload groups
        Path fresh = dir.resolve("fresh");
        Files.createDirectories(fresh);
        UserInputException tooMany = assertThrows(UserInputException.class, () -> SlurmJob.write(new SlurmJob.Request(config,
                fresh.resolve("job"), Optional.of(9), 0, SbatchOptions.NONE, Optional.of(dir.resolve("hetsched.jar")))));
        assertTrue(tooMany.getMessage().contains("8 workload groups"), tooMany.getMessage());
        Path spaced = dir.resolve("with space");
        assertTrue(assertThrows(UserInputException.class, () -> SlurmJob.write(new SlurmJob.Request(config, spaced, Optional.of(2), 0,
                SbatchOptions.NONE, Optional.of(dir.resolve("hetsched.jar"))))).getMessage().contains("#SBATCH"));
        Files.writeString(fresh.resolve("x"), "x");
        assertTrue(assertThrows(UserInputException.class, () -> SlurmJob.write(new SlurmJob.Request(config, fresh, Optional.of(2), 0,
                SbatchOptions.NONE, Optional.of(dir.resolve("hetsched.jar"))))).getMessage().contains("not empty"));
    }

    @Test
    void sbatchOptionsArePlainWordsAndLeaveHetschedsOwnAlone() {
        assertEquals(List.of("-p", "short", "--cpus-per-task=4"), SbatchOptions.parse(" -p short  --cpus-per-task=4 ").words());
        assertEquals(SbatchOptions.NONE, SbatchOptions.parse("  "));
        for (String bad : List.of("--partition=a; rm -rf x", "--comment='x'", "--time=$T", "--array=0-3", "-o log", "--dependency=afterok:1",
                "short", "--arr=0-3", "-a0-3", "-ofile", "--test-only")) {
            assertThrows(UserInputException.class, () -> SbatchOptions.parse(bad), bad);
        }
    }

    @Test
    void arrayListsCollapseRuns() {
        assertEquals("0-2,5,7-8", SlurmJob.arrayList(List.of(0, 1, 2, 5, 7, 8)));
        assertEquals("3", SlurmJob.arrayList(List.of(3)));
    }

    @Test
    void theDefaultShardCountGivesEachTaskMinutesOfWork(@TempDir Path dir) throws IOException {
        assertEquals(1, ShardCount.forCost(2, 50));
        assertEquals(1, ShardCount.forCost(ShardCount.TARGET_TASK_SECONDS, 50));
        assertEquals(2, ShardCount.forCost(ShardCount.TARGET_TASK_SECONDS + 1, 50));
        assertEquals(50, ShardCount.forCost(1e9, 50), "never more tasks than workload groups");
        assertEquals(ShardCount.MAX_SHARDS, ShardCount.forCost(1e12, 1_000_000));
        ShardCount.Estimate small = ShardCount.estimate(org.hetsched.reports.sweep.SweepConfigReader.read(config(dir)));
        assertEquals(16, small.points());
        assertEquals(16, small.sampledPoints(), "a sweep this small is measured whole");
        assertEquals(1, small.shards(), small.explain());
    }
}
