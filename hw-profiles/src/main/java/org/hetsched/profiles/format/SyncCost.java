package org.hetsched.profiles.format;

/**
 * Delay before a task on {@code to} can use data produced on {@code from} (two different
 * processors; the same processor never pays one).
 *
 * @param latencyNs the delay, ns, &ge; 0
 */
public record SyncCost(String from, String to, SourcedValue latencyNs) {

    public SyncCost {
        if (from == null || to == null || from.equals(to)) throw new IllegalArgumentException("sync needs two different processors");
        if (latencyNs == null || latencyNs.value() < 0) throw new IllegalArgumentException("sync " + from + "->" + to + " must be >= 0 ns");
    }
}
