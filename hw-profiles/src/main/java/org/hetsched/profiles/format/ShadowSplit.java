package org.hetsched.profiles.format;

/**
 * The optional top-level {@code shadow} section: what keeping a layer's activation outliers
 * costs the NPU beyond the float-side correction itself. See hw-profiles/README.md.
 *
 * @param npuSplitNs extra cost of an NPU task whose subgraph a SHADOW subgraph corrects, ns,
 *                   &ge; 0: its static graph runs as two executions around the CPU's outlier work
 *                   (the second execute and the CPU round trip it waits for)
 * @param cpuSyncNs  extra cost of every SHADOW task on a CPU, ns, &ge; 0, or {@code null} for 0:
 *                   the CPU's side of the synchronisation (waiting for and scanning the NPU's
 *                   activation, merging the float correction back)
 */
public record ShadowSplit(SourcedValue npuSplitNs, SourcedValue cpuSyncNs) {

    public ShadowSplit {
        if (npuSplitNs == null || npuSplitNs.value() < 0) throw new IllegalArgumentException("shadow split must be >= 0 ns");
        if (cpuSyncNs != null && !(cpuSyncNs.value() >= 0)) throw new IllegalArgumentException("shadow CPU sync must be >= 0 ns");
    }

    /** Without a CPU-side cost. */
    public ShadowSplit(SourcedValue npuSplitNs) {
        this(npuSplitNs, null);
    }

    /** {@link #cpuSyncNs} as a number, 0 when absent. */
    public double cpuSync() {
        return cpuSyncNs == null ? 0 : cpuSyncNs.value();
    }
}
