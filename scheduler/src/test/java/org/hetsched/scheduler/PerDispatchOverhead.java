package org.hetsched.scheduler;

import org.hetsched.core.engine.Effect;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.DurationAdjustment;
import org.hetsched.core.platform.Processor;

/** A per-processor dispatch overhead for tests: the shape of hw-profiles' DispatchOverhead, without a profile. */
public final class PerDispatchOverhead implements Effect, DurationAdjustment {
    private final long[] overheadNs;

    public PerDispatchOverhead(long... overheadNs) {
        this.overheadNs = overheadNs.clone();
    }

    @Override
    public String name() {
        return "dispatch-overhead";
    }

    @Override
    public String description() {
        return "a fixed overhead per task and processor";
    }

    @Override
    public DurationAdjustment durations() {
        return this;
    }

    @Override
    public long adjustedNs(Task task, Processor processor, long durationNs) {
        return durationNs + overheadNs[processor.id()];
    }

    @Override
    public String toString() {
        return "dispatch-overhead " + java.util.Arrays.toString(overheadNs);
    }
}
