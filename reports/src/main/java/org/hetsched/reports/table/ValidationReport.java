package org.hetsched.reports.table;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.Median;
import org.hetsched.core.trace.PrefillCheck;
import org.hetsched.core.trace.SimulatedAndMeasured;
import org.hetsched.core.trace.Trace;

/**
 * Simulated and measured runs of one policy's schedule, summarised: what {@link ValidationTable}
 * prints and files for {@code hetsched validate}. Immutable.
 *
 * @param policy                 policy name
 * @param simulatedMakespanNs    simulated makespan
 * @param measuredMakespansNs    makespan of each timed replay, in run order
 * @param medianAbsErrorPct      median over runs of |sim − real| / real, %
 * @param worstAbsErrorPct       largest of those, %
 * @param medianTaskAbsErrorPct  median over runs and tasks with a measured duration &gt; 0 of
 *                               |simulated − measured duration| / measured, %
 * @param medianTaskResidualNs   median over the same of (simulated − measured) duration, ns
 *                               (positive: the profile over-prices tasks)
 * @param traces                 the simulated trace and the timed replays' traces these numbers
 *                               come from, for charts and trace files
 * @param check                  the final hidden states of the last timed replay against the
 *                               unchunked references (the replay computed the model correctly),
 *                               or null on a backend whose lanes do not compute the model (qnn)
 * @param forcedMismatches       empty, or why the profile does not stand for this run when the
 *                               run was forced anyway: then the errors are not the simulator's
 * @param profileSimulatedMakespanNs null, or, when the simulation above used costs refitted in situ
 *                               to the validation's own calibration replays, the makespan the
 *                               given profile simulated for the same schedule
 */
public record ValidationReport(String policy, long simulatedMakespanNs, List<Long> measuredMakespansNs, double medianAbsErrorPct,
                               double worstAbsErrorPct, double medianTaskAbsErrorPct, double medianTaskResidualNs,
                               SimulatedAndMeasured traces, PrefillCheck check, List<String> forcedMismatches,
                               Long profileSimulatedMakespanNs) {
    public ValidationReport {
        measuredMakespansNs = List.copyOf(measuredMakespansNs);
        forcedMismatches = List.copyOf(forcedMismatches);
        if (measuredMakespansNs.isEmpty()) throw new IllegalArgumentException("no measured runs for policy " + policy);
        if (traces == null) throw new IllegalArgumentException("no traces for policy " + policy);
    }

    /** A report whose simulation used the given profile. */
    public ValidationReport(String policy, long simulatedMakespanNs, List<Long> measuredMakespansNs, double medianAbsErrorPct,
                            double worstAbsErrorPct, double medianTaskAbsErrorPct, double medianTaskResidualNs,
                            SimulatedAndMeasured traces, PrefillCheck check, List<String> forcedMismatches) {
        this(policy, simulatedMakespanNs, measuredMakespansNs, medianAbsErrorPct, worstAbsErrorPct, medianTaskAbsErrorPct,
                medianTaskResidualNs, traces, check, forcedMismatches, null);
    }

    /**
     * This report, its simulation having used costs refitted in situ, with the makespan the given
     * profile simulated for the same schedule beside it.
     */
    public ValidationReport withProfileSimulation(long profileMakespanNs) {
        return new ValidationReport(policy, simulatedMakespanNs, measuredMakespansNs, medianAbsErrorPct, worstAbsErrorPct,
                medianTaskAbsErrorPct, medianTaskResidualNs, traces, check, forcedMismatches, profileMakespanNs);
    }

    /** (profile's simulated makespan − measured mean) / measured mean, %, or null without an in-situ refit. */
    public Double profileSignedErrorPct() {
        if (profileSimulatedMakespanNs == null) return null;
        double mean = makespans().meanNs();
        return 100.0 * (profileSimulatedMakespanNs - mean) / mean;
    }

    /**
     * The statistics of {@code traces}: makespan errors per run, and duration errors and residuals
     * per task (tasks matched by id).
     *
     * @param policy the policy that made the schedule, as the report names it
     */
    public static ValidationReport of(String policy, SimulatedAndMeasured traces, PrefillCheck check, List<String> forcedMismatches) {
        Trace simulated = traces.simulated();
        List<Trace> measured = traces.measured();
        long sim = simulated.makespanNs();
        List<Long> makespans = new ArrayList<>();
        double[] errors = new double[measured.size()];
        List<Double> taskErrors = new ArrayList<>();
        List<Double> residuals = new ArrayList<>();
        for (int r = 0; r < measured.size(); r++) {
            Trace real = measured.get(r);
            makespans.add(real.makespanNs());
            errors[r] = 100.0 * Math.abs(sim - real.makespanNs()) / Math.max(1, real.makespanNs());
            for (int t = 0; t < simulated.graph().size(); t++) {
                long realNs = real.endNs(t) - real.startNs(t);
                if (realNs <= 0) continue;
                long simNs = simulated.endNs(t) - simulated.startNs(t);
                taskErrors.add(100.0 * Math.abs(simNs - realNs) / realNs);
                residuals.add((double) (simNs - realNs));
            }
        }
        double worst = 0;
        for (double e : errors) worst = Math.max(worst, e);
        return new ValidationReport(policy, sim, makespans, Median.of(errors), worst,
                taskErrors.isEmpty() ? 0 : Median.of(taskErrors),
                residuals.isEmpty() ? 0 : Median.of(residuals),
                traces, check, forcedMismatches);
    }

    /** Whether the run went ahead with a profile that does not stand for it. */
    public boolean forced() {
        return !forcedMismatches.isEmpty();
    }

    /** The simulated and measured makespans, with the mean's interval and the signed error. */
    public MakespanSample makespans() {
        return new MakespanSample(policy, simulatedMakespanNs, measuredMakespansNs);
    }

    /** Median of {@link #measuredMakespansNs}. */
    public double measuredMakespanNsMedian() {
        return Median.of(measuredMakespansNs);
    }
}
