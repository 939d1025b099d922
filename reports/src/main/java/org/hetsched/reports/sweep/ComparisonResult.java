package org.hetsched.reports.sweep;

import java.util.List;
import java.util.Locale;
import org.hetsched.core.Units;
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

    /**
     * The optimum for a header line: "12.345 ms (proven)" when the solver proved the simulation's
     * optimum; otherwise why there is none, saying so when the solver's optimum prices durations the
     * simulation does not charge (contention).
     */
    public String optimumText() {
        Long proven = optimum.provenMakespanNs();
        if (proven != null) return String.format(Locale.ROOT, "%.3f ms (proven)", Units.nsToMs(proven));
        if (optimum.attempted() && !optimum.exactForRun()) return "not known for this simulation (" + optimum.note() + ")";
        return "not computed (" + optimum.note() + ")";
    }

    /** Makespan of the first policy over this run's: above 1 means faster than the baseline. */
    public double speedup(SimulationResult run) {
        return (double) runs.get(0).metrics().makespanNs() / run.metrics().makespanNs();
    }
}
