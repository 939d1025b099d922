package org.hetsched.profiles.format;

/**
 * The optional top-level {@code shadow} section: what keeping a layer's activation outliers
 * costs the NPU beyond the float-side correction itself. See hw-profiles/README.md.
 *
 * @param npuSplitNs extra cost of an NPU task whose subgraph a SHADOW subgraph corrects, ns,
 *                   &ge; 0: its static graph runs as two executions around the CPU's outlier work
 *                   (the second execute and the CPU round trip it waits for)
 */
public record ShadowSplit(SourcedValue npuSplitNs) {

    public ShadowSplit {
        if (npuSplitNs == null || npuSplitNs.value() < 0) throw new IllegalArgumentException("shadow split must be >= 0 ns");
    }
}
