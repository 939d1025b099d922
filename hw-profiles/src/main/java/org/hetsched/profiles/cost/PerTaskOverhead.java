package org.hetsched.profiles.cost;

import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.DurationAdjustment;
import org.hetsched.core.platform.Processor;

/**
 * A fixed cost per processor added once to every task it runs: the shared arithmetic of
 * {@link DispatchOverhead} and {@link InvocationOverhead}. It depends on (task, processor) only,
 * so it is a pure {@link #durations() duration adjustment}: lower bounds and the exact solver price
 * it exactly as the engine does. Immutable; safe to share.
 */
abstract class PerTaskOverhead implements Effect, DurationAdjustment {
    private final String device;
    private final String what;
    private final long[] overheadNs;

    /**
     * @param what       what the overhead is, for messages, e.g. "a dispatch overhead"
     * @param overheadNs by processor id, ns (already rounded)
     */
    PerTaskOverhead(String device, String what, long[] overheadNs) {
        this.device = device;
        this.what = what;
        this.overheadNs = overheadNs.clone();
    }

    final String device() {
        return device;
    }

    @Override
    public final DurationAdjustment durations() {
        return this;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The duration plus the processor's overhead.
     *
     * @throws IllegalArgumentException if {@code processor} is not one of the profile's
     * @throws TimeOverflowException if the sum passes a long of ns
     */
    @Override
    public final long adjustedNs(Task task, Processor processor, long durationNs) {
        int p = processor.id();
        if (p < 0 || p >= overheadNs.length) {
            throw new IllegalArgumentException("processor " + processor.name() + " (id " + p + ") is not a processor of device " + device);
        }
        if (durationNs > Long.MAX_VALUE - overheadNs[p]) {
            throw new TimeOverflowException("task " + task.label() + " on " + processor.name() + " costs "
                    + durationNs + " ns plus " + what + " of " + overheadNs[p] + " ns, beyond the engine's limit of "
                    + TimeOverflowException.limit());
        }
        return durationNs + overheadNs[p];
    }

    /** The overhead added on processor id {@code processor}, ns. */
    public final long overheadNs(int processor) {
        return overheadNs[processor];
    }

    @Override
    public final String toString() {
        return name() + " (" + device + ")";
    }
}
