package org.hetsched.profiles.format;

/**
 * The serial cost of one prefill outside its task graph (the optional top-level {@code prefill}
 * section): {@code setupNs + bytes beyond memory / bytesPerSecond}, charged once per prefill and
 * independent of the schedule. See hw-profiles/README.md for what it models and why.
 *
 * @param setupNs     constant cost per prefill, ns, &ge; 0 (environment set-up, graph free)
 * @param weightRemap weights re-mapped per prefill on one processor, or {@code null} for none
 * @param firstRun    the extra cost of each static graph's first execution in a prefill on one
 *                    processor, or {@code null} for none
 */
public record PrefillSetup(SourcedValue setupNs, WeightRemap weightRemap, FirstRun firstRun) {

    /** Without a first-run cost. */
    public PrefillSetup(SourcedValue setupNs, WeightRemap weightRemap) {
        this(setupNs, weightRemap, null);
    }

    public PrefillSetup {
        if (setupNs == null || setupNs.value() < 0) throw new IllegalArgumentException("prefill setup must be >= 0 ns");
    }

    /**
     * The weights a processor cannot hold at once: the bytes of the weights placed on it beyond its
     * {@code memoryBytes} are mapped in again, at {@code bytesPerSecond}, for every prefill.
     *
     * @param processor      the processor's name in the profile; it has a {@code memoryBytes}
     * @param bytesPerSecond re-mapping rate, bytes/s, &gt; 0
     */
    public record WeightRemap(String processor, SourcedValue bytesPerSecond) {

        public WeightRemap {
            if (processor == null) throw new IllegalArgumentException("weight re-mapping needs a processor");
            if (bytesPerSecond == null || bytesPerSecond.value() <= 0) throw new IllegalArgumentException("re-mapping rate must be > 0");
        }
    }

    /**
     * The first execution of each static graph in a prefill costs more than the later ones (its
     * buffers are registered and mapped, the runtime's first execute): {@code perGraphNs} more,
     * charged to the graph's first task. Unlike graph preparation, it is paid in every prefill.
     *
     * @param processor  the processor's name in the profile
     * @param perGraphNs extra cost per static graph the prefill executes there, ns, &ge; 0
     */
    public record FirstRun(String processor, SourcedValue perGraphNs) {

        public FirstRun {
            if (processor == null) throw new IllegalArgumentException("a first-run cost needs a processor");
            if (perGraphNs == null || perGraphNs.value() < 0) throw new IllegalArgumentException("first-run cost must be >= 0 ns");
        }
    }
}
