package org.hetsched.reports.sweep.slurm;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one shard of a Slurm job stands, read from its results folder, its logs and the queue.
 *
 * @param index  the shard
 * @param state  what it is
 * @param detail why, in a few words (the results' problem, the queue's entry)
 * @param log    its latest task's log, if one ran
 */
public record ShardStatus(int index, State state, String detail, Optional<Path> log) {

    /** A shard's state; only {@link #DONE} counts as results. */
    public enum State {
        /** Its folder holds results of this shard, exactly as written. */
        DONE("done"),
        /** A task for it is waiting in the queue. */
        QUEUED("queued"),
        /** A task for it is running. */
        RUNNING("running"),
        /** A task ran (it left a log) but left no valid results: it failed, was killed or timed out. */
        FAILED("failed"),
        /** Its folder holds results that are not this shard's as written (changed, of another sweep or shard). */
        INVALID("invalid"),
        /** No task has run for it. */
        NOT_RUN("not run");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Whether the shard needs another task: not done and not in the queue. */
        public boolean needsRerun() {
            return this == FAILED || this == INVALID || this == NOT_RUN;
        }
    }
}
