package org.hetsched.profiles.cost;

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
public final class DispatchOverhead extends PerTaskOverhead {
    /** The name it is registered by. */
    public static final String NAME = "dispatch-overhead";

    /** The overheads of {@code profile}'s processors (by id). */
    public DispatchOverhead(DeviceProfile profile) {
        super(profile.name(), "a dispatch overhead", overheads(profile));
    }

    private static long[] overheads(DeviceProfile profile) {
        long[] ns = new long[profile.processors().size()];
        for (int p = 0; p < ns.length; p++) ns[p] = Math.round(profile.processors().get(p).dispatchOverheadNs().value());
        return ns;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "per-dispatch overhead included: device " + device() + "'s profile overhead added once to every task";
    }
}
