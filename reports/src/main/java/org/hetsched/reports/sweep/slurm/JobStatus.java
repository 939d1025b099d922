package org.hetsched.reports.sweep.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a Slurm job stands: each shard's state and the merge's.
 *
 * @param dir        the job folder
 * @param spec       its job.json
 * @param shards     every shard, by index
 * @param mergedDone whether results/ holds the verified merge
 * @param merged     the merge's state, in words
 * @param queueKnown whether the queue could be asked (squeue is on the PATH)
 * @param queueEmpty whether none of the job is queued or running (true when the queue is unknown)
 */
public record JobStatus(Path dir, SlurmJobSpec spec, List<ShardStatus> shards, boolean mergedDone, String merged,
                        boolean queueKnown, boolean queueEmpty) {
    public JobStatus {
        shards = List.copyOf(shards);
    }

    /** Whether the merged results are done. */
    public boolean complete() {
        return mergedDone;
    }

    /** The queue entries of shards still queued or running, e.g. "shard 2 (running job 12_2)". */
    public List<String> inQueue() {
        List<String> entries = new ArrayList<>();
        for (ShardStatus s : shards) {
            if (!s.state().needsRerun() && s.state() != ShardStatus.State.DONE) entries.add("shard " + s.index() + " (" + s.detail() + ")");
        }
        if (!mergedDone && !merged.startsWith("not done")) entries.add("the merge (" + merged + ")");
        return entries;
    }

    /** One line per shard that is not done (done ones are counted), then the merge. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        long done = shards.stream().filter(s -> s.state() == ShardStatus.State.DONE).count();
        lines.add("sweep '" + spec.sweep() + "', " + spec.points() + " points in " + spec.shards() + " shards (job " + spec.jobName() + ", "
                + dir + "): " + done + " done");
        if (!queueKnown) lines.add("  (squeue is not on the PATH: tasks still queued or running show as not run or failed)");
        for (ShardStatus s : shards) {
            if (s.state() == ShardStatus.State.DONE) continue;
            lines.add("  shard " + s.index() + ": " + s.state().label() + ": " + s.detail()
                    + s.log().map(l -> "; log " + l).orElse(""));
        }
        lines.add("  merged results: " + merged);
        return lines;
    }
}
