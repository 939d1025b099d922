package org.hetsched.profiles.cost;

import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.DurationAdjustment;
import org.hetsched.core.platform.Processor;
import org.hetsched.profiles.format.DeviceProfile;

/**
 * Adds each processor's per-dispatch overhead ({@code dispatchOverheadUs} of the profile) once to
 * every task it runs: the fixed cost of launching a task (a graph execute call, a kernel launch),
 * independent of the task's size.
 *
 * <p>Off by default: the built-in profiles' measured points are whole standalone executions that
 * already contain it, so adding it again counts it twice; it suits profiles whose points were
 * measured without it. It depends on (task, processor) only, so it is a pure
 * {@link #durations() duration adjustment}: lower bounds and the exact solver price it exactly as
 * the engine does. Each overhead is rounded to the nearest ns once. Immutable; safe to share.
 */
public final class DispatchOverhead implements Effect, DurationAdjustment {
    /** The name it is registered by. */
    public static final String NAME = "dispatch-overhead";

    private final String device;
    private final long[] overheadNs;

    /** The overheads of {@code profile}'s processors (by id). */
    public DispatchOverhead(DeviceProfile profile) {
        this.device = profile.name();
        this.overheadNs = new long[profile.processors().size()];
        for (int p = 0; p < overheadNs.length; p++) {
            overheadNs[p] = Math.round(profile.processors().get(p).dispatchOverheadNs().value());
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "per-dispatch overhead included: device " + device + "'s profile overhead added once to every task";
    }

    @Override
    public DurationAdjustment durations() {
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
    public long adjustedNs(Task task, Processor processor, long durationNs) {
        int p = processor.id();
        if (p < 0 || p >= overheadNs.length) {
            throw new IllegalArgumentException("processor " + processor.name() + " (id " + p + ") is not a processor of device " + device);
        }
        if (durationNs > Long.MAX_VALUE - overheadNs[p]) {
            throw new TimeOverflowException("task " + task.label() + " on " + processor.name() + " costs "
                    + durationNs + " ns plus a dispatch overhead of " + overheadNs[p] + " ns, beyond the engine's limit of "
                    + TimeOverflowException.limit());
        }
        return durationNs + overheadNs[p];
    }

    /** The overhead added on processor id {@code processor}, ns. */
    public long overheadNs(int processor) {
        return overheadNs[processor];
    }

    @Override
    public String toString() {
        return NAME + " (" + device + ")";
    }
}
