package org.hetsched.scheduler.exact;

/**
 * What the exact solver found for a workload, if it ran.
 *
 * @param attempted   whether the solver ran (it is skipped above the task limit)
 * @param proven      whether {@code makespanNs} is proven optimal
 * @param makespanNs  the best schedule found, or -1
 * @param boundNs     the best lower bound the solver proved, or 0
 * @param note        why it did not run or did not prove optimality, or empty
 */
public record Optimum(boolean attempted, boolean proven, long makespanNs, long boundNs, String note) {

    /** The solver did not run, for the reason {@code why}. */
    public static Optimum skipped(String why) {
        return new Optimum(false, false, -1, 0, why);
    }

    /** The optimum in ns when proven, else {@code null}. */
    public Long provenMakespanNs() {
        return proven ? makespanNs : null;
    }
}
