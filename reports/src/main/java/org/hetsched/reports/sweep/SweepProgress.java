package org.hetsched.reports.sweep;

/** Told after every finished point; called from worker threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface SweepProgress {
    SweepProgress NONE = (done, total) -> { };

    /** {@code done} of {@code total} points of this run are finished (reused ones count at once). */
    void update(int done, int total);
}
