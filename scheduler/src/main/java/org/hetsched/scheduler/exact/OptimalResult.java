package org.hetsched.scheduler.exact;

import org.hetsched.scheduler.plan.SchedulePlan;

/**
 * What the exact solver found.
 *
 * @param plan       the best schedule found, as a plan (processor orders); never {@code null}
 * @param makespanNs that schedule's makespan; replaying {@code plan} never ends later, and ends exactly
 *                   then when {@code proven} (for a run whose effects change no duration per run;
 *                   with contention the replay may end later, and every run ends no earlier than
 *                   this when {@code proven})
 * @param boundNs    the best proven lower bound on any schedule's makespan (the solver's objective
 *                   bound, or {@link org.hetsched.scheduler.bound.MakespanLowerBound} if that is
 *                   higher); at most {@code makespanNs}
 * @param proven     whether {@code plan} is proven optimal ({@code boundNs == makespanNs})
 */
public record OptimalResult(SchedulePlan plan, long makespanNs, long boundNs, boolean proven) {

    public OptimalResult {
        if (plan == null) throw new IllegalArgumentException("an optimal result needs a plan");
        if (boundNs < 0 || boundNs > makespanNs) {
            throw new IllegalArgumentException("bound " + boundNs + " ns must lie in [0, makespan " + makespanNs + " ns]");
        }
        if (proven != (boundNs == makespanNs)) {
            throw new IllegalArgumentException("proven is " + proven + " but bound " + boundNs + " ns and makespan "
                    + makespanNs + " ns " + (proven ? "differ" : "are equal"));
        }
    }

    /** (makespan − bound) / makespan: 0 when proven, at most 1; 0 for an empty makespan. */
    public double relativeGap() {
        return makespanNs == 0 ? 0 : (double) (makespanNs - boundNs) / makespanNs;
    }
}
