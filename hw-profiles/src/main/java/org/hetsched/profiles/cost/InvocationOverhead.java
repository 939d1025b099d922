package org.hetsched.profiles.cost;

import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProcessorProfile;

/**
 * Adds each processor's per-invocation cost ({@code invocationUs} of the profile; 0 where it has
 * none) once to every task it runs: what invoking one subgraph costs inside a running prefill (a
 * QNN execute, switching between graphs), apart from graph preparation and from the standalone-op
 * overhead that measured points already contain ({@code dispatchOverheadUs}, {@link DispatchOverhead}).
 *
 * <p>On whenever the profile has an {@code invocationUs}: it is part of the profile's model, not an
 * option. It depends on (task, processor) only, so it is a pure {@link #durations() duration
 * adjustment}: lower bounds and the exact solver price it exactly as the engine does. Each cost is
 * rounded to the nearest ns once. Immutable; safe to share.
 */
public final class InvocationOverhead extends PerTaskOverhead {
    /** The name it is registered by. */
    public static final String NAME = "invocation-overhead";

    /** The per-invocation costs of {@code profile}'s processors (by id). */
    public InvocationOverhead(DeviceProfile profile) {
        super(profile.name(), "a per-invocation cost", costs(profile));
    }

    /** Whether some processor of {@code profile} has an {@code invocationUs}. */
    public static boolean applies(DeviceProfile profile) {
        return profile.processors().stream().anyMatch(p -> p.invocationNs() != null);
    }

    private static long[] costs(DeviceProfile profile) {
        long[] ns = new long[profile.processors().size()];
        for (int p = 0; p < ns.length; p++) {
            ProcessorProfile processor = profile.processors().get(p);
            ns[p] = processor.invocationNs() == null ? 0 : Math.round(processor.invocationNs().value());
        }
        return ns;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "per-invocation cost: device " + device() + "'s profile invocationUs added once to every task";
    }
}
