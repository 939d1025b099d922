package org.hetsched.profiles.format;

/**
 * The serial cost of one prefill outside its task graph (the optional top-level {@code prefill}
 * section): {@code setupNs + bytes beyond memory / bytesPerSecond}, charged once per prefill and
 * independent of the schedule. See hw-profiles/README.md for what it models and why.
 *
 * @param setupNs     constant cost per prefill, ns, &ge; 0 (environment set-up, graph free)
 * @param weightRemap weights re-mapped per prefill on one processor, or {@code null} for none
 */
public record PrefillSetup(SourcedValue setupNs, WeightRemap weightRemap) {

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
}
