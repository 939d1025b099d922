package org.hetsched.scheduler.exact;

/**
 * What the exact solver found for a workload, if it ran.
 *
 * @param attempted   whether the solver ran (it is skipped above the task limit)
 * @param proven      whether {@code makespanNs} is proven optimal for the priced table
 * @param makespanNs  the best schedule found, or -1
 * @param boundNs     the best lower bound the solver proved, or 0; a lower bound on the run too
 * @param exactForRun whether the solver priced exactly what the engine charges, so that a proven
 *                    {@code makespanNs} is the simulation's optimum; false when an effect lengthens
 *                    tasks per run (contention): then {@code makespanNs} is the optimum of the
 *                    uncontended durations, a lower bound on the run and not its optimum
 * @param note        why it did not run, did not prove optimality or does not price the run, or empty
 */
public record Optimum(boolean attempted, boolean proven, long makespanNs, long boundNs, boolean exactForRun, String note) {

    /** The solver did not run, for the reason {@code why}. */
    public static Optimum skipped(String why) {
        return new Optimum(false, false, -1, 0, true, why);
    }

    /**
     * The simulation's optimum in ns when the solver proved it, else {@code null}: also when it
     * proved the optimum of durations the engine does not charge ({@code exactForRun} false), so no
     * gap to an "optimum" is ever computed against a different pricing.
     */
    public Long provenMakespanNs() {
        return proven && exactForRun ? makespanNs : null;
    }
}
