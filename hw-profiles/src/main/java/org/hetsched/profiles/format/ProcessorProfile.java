package org.hetsched.profiles.format;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.ProcessorKind;

/**
 * One processor of a device profile.
 *
 * @param name               stable name, unique in the profile, e.g. "npu"
 * @param kind               what partition plans address it by
 * @param dtypes             dtypes it computes in (never empty), iterated in {@link DType} order
 * @param dispatchOverheadNs fixed cost of launching one task on it, ns (added only when the
 *                           {@code DispatchOverhead} engine effect is on)
 * @param memoryBytes        memory it can address, bytes, or {@code null} when not known
 * @param powerW             power while busy, W, or {@code null} when not known (it is not published
 *                           for the built-in devices); read by the
 *                           {@code BusyEnergy} engine effect
 * @param invocationNs       cost of invoking one subgraph on it inside a running prefill, ns, or
 *                           {@code null} for none; always added by the {@code InvocationOverhead}
 *                           engine effect
 */
public record ProcessorProfile(String name, ProcessorKind kind, Set<DType> dtypes, SourcedValue dispatchOverheadNs,
                               SourcedValue memoryBytes, SourcedValue powerW, SourcedValue invocationNs) {

    public ProcessorProfile {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("processor name is empty");
        if (kind == null) throw new IllegalArgumentException("processor " + name + " has no kind");
        if (dtypes == null || dtypes.isEmpty()) throw new IllegalArgumentException("processor " + name + " has no dtype");
        dtypes = Collections.unmodifiableSet(EnumSet.copyOf(dtypes));
        if (dispatchOverheadNs == null || dispatchOverheadNs.value() < 0) {
            throw new IllegalArgumentException("processor " + name + ": dispatch overhead must be >= 0 ns");
        }
        if (memoryBytes != null && memoryBytes.value() <= 0) {
            throw new IllegalArgumentException("processor " + name + ": memory must be > 0 bytes");
        }
        if (powerW != null && powerW.value() <= 0) throw new IllegalArgumentException("processor " + name + ": power must be > 0 W");
        if (invocationNs != null && invocationNs.value() < 0) {
            throw new IllegalArgumentException("processor " + name + ": invocation cost must be >= 0 ns");
        }
    }

    /** A processor without a per-invocation cost. */
    public ProcessorProfile(String name, ProcessorKind kind, Set<DType> dtypes, SourcedValue dispatchOverheadNs,
                            SourcedValue memoryBytes, SourcedValue powerW) {
        this(name, kind, dtypes, dispatchOverheadNs, memoryBytes, powerW, null);
    }
}
