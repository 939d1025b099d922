package org.hetsched.profiles.format;

/**
 * One-time cost of preparing (building and optimising) one static graph on a processor.
 *
 * @param processor  the processor's name in the profile
 * @param perGraphNs cost per distinct static graph, ns, &ge; 0
 */
public record GraphPreparation(String processor, SourcedValue perGraphNs) {

    public GraphPreparation {
        if (processor == null) throw new IllegalArgumentException("graph preparation needs a processor");
        if (perGraphNs == null || perGraphNs.value() < 0) throw new IllegalArgumentException("graph preparation must be >= 0 ns");
    }
}
