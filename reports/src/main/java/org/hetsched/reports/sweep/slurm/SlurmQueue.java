package org.hetsched.reports.sweep.slurm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a job folder needs from Slurm: which of its jobs are still in the queue, and a way to submit. */
public interface SlurmQueue {

    /**
     * The job's array tasks and merge job that are still queued or running.
     *
     * @return empty when the queue cannot be asked (no squeue here)
     */
    Optional<Live> live(String jobName);

    /**
     * Checks, before a job is written, that it could be submitted from here.
     *
     * @throws org.hetsched.core.UserInputException saying why not
     */
    void checkCanSubmit();

    /**
     * Runs the job folder's submit script with {@code argument} (a Slurm array list, or
     * {@code --merge-only}; empty for every shard).
     *
     * @return what it printed: one line per job submitted, with its id
     */
    List<String> submit(Path jobDir, String argument);

    /**
     * @param shards shard index → "STATE job ID" for each array task in the queue
     * @param merge  "STATE job ID" of the merge job if it is in the queue
     */
    record Live(Map<Integer, String> shards, Optional<String> merge) {
        public Live {
            shards = Map.copyOf(shards);
        }

        public boolean isEmpty() {
            return shards.isEmpty() && merge.isEmpty();
        }
    }
}
