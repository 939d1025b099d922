package org.hetsched.reports.sweep;

import java.util.List;
import org.hetsched.profiles.load.Workload;
import org.hetsched.scheduler.bound.MakespanLowerBound;
import org.hetsched.scheduler.exact.Optimum;

/**
 * Several policies on one workload.
 *
 * @param workload the work, priced once for every policy
 * @param runs     one run per policy, in the order asked for; the first is the speedup baseline
 * @param bound    the lower bounds, tightened by the solver's bound when it ran
 * @param optimum  what the exact solver found
 */
public record ComparisonResult(Workload workload, List<SimulationResult> runs, MakespanLowerBound bound,
                               Optimum optimum) {

    public ComparisonResult {
        runs = List.copyOf(runs);
    }

    /** Makespan of the first policy over this run's: above 1 means faster than the baseline. */
    public double speedup(SimulationResult run) {
        return (double) runs.get(0).metrics().makespanNs() / run.metrics().makespanNs();
    }
}
