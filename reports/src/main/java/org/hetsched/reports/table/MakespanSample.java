package org.hetsched.reports.table;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.hetsched.core.trace.SimulatedAndMeasured;
import org.hetsched.core.trace.Trace;

/**
 * One policy's simulated makespan beside its measured ones, and what the runs say about the
 * measured mean: its 95% Student-t confidence interval and the signed error of the simulation
 * against it. Immutable; holds the runs' makespans, O(runs).
 *
 * <p>Not enough data: with one run there is no spread to estimate, so every interval is null
 * (never a zero-width one); the mean and the signed error are still given.
 *
 * @param policy      policy name
 * @param simulatedNs simulated makespan, ns, &ge; 0
 * @param measuredNs  the timed replays' makespans, ns, in run order, at least one, each &gt; 0
 */
public record MakespanSample(String policy, long simulatedNs, List<Long> measuredNs) {
    /** Two-sided confidence of every interval here and in {@link RankingFidelity}. */
    public static final double CONFIDENCE = 0.95;

    /**
     * A closed interval.
     *
     * @param low  lower end
     * @param high upper end, &ge; low
     */
    public record Interval(double low, double high) {
        public Interval {
            if (!(low <= high)) throw new IllegalArgumentException("interval ends out of order: " + low + " > " + high);
        }
    }

    public MakespanSample {
        measuredNs = List.copyOf(measuredNs);
        if (measuredNs.isEmpty()) throw new IllegalArgumentException("no measured runs for policy " + policy);
        for (long ns : measuredNs) {
            if (ns <= 0) throw new IllegalArgumentException("policy " + policy + " has a measured makespan of " + ns + " ns");
        }
        if (simulatedNs < 0) throw new IllegalArgumentException("policy " + policy + " has a simulated makespan of " + simulatedNs + " ns");
    }

    /** The makespans of {@code traces}: its simulated run and each measured replay. */
    public static MakespanSample of(SimulatedAndMeasured traces) {
        return new MakespanSample(traces.policy(), traces.simulated().makespanNs(),
                traces.measured().stream().map(Trace::makespanNs).toList());
    }

    /** Number of measured runs. */
    public int runs() {
        return measuredNs.size();
    }

    /** Mean of the measured makespans, ns. */
    public double meanNs() {
        double sum = 0;
        for (long ns : measuredNs) sum += ns;
        return sum / measuredNs.size();
    }

    /** Sample variance (n − 1 in the denominator) of the measured makespans, ns²; NaN with one run. */
    public double varianceNs2() {
        int n = measuredNs.size();
        if (n < 2) return Double.NaN;
        double mean = meanNs();
        double sum = 0;
        for (long ns : measuredNs) sum += (ns - mean) * (ns - mean);
        return sum / (n - 1);
    }

    /**
     * The {@value #CONFIDENCE} Student-t confidence interval of the mean measured makespan, ns:
     * mean ± t(0.975, n − 1) · s / √n; null with one run.
     */
    public Interval meanCi95Ns() {
        int n = measuredNs.size();
        if (n < 2) return null;
        double half = tQuantile(n - 1) * Math.sqrt(varianceNs2() / n);
        double mean = meanNs();
        return new Interval(mean - half, mean + half);
    }

    /** (simulated − mean measured) / mean measured, %: positive when the simulation over-prices the run. */
    public double signedErrorPct() {
        return errorPct(meanNs());
    }

    /**
     * The interval of {@link #signedErrorPct} that follows from the mean's ({@link #meanCi95Ns}):
     * the error falls as the mean grows, so [error at the upper end, error at the lower end]. Null
     * with one run, or when the mean's interval reaches 0 ns (the error is then unbounded above).
     */
    public Interval signedErrorPctCi95() {
        Interval mean = meanCi95Ns();
        if (mean == null || mean.low() <= 0) return null;
        return new Interval(errorPct(mean.high()), errorPct(mean.low()));
    }

    private double errorPct(double measured) {
        return 100.0 * (simulatedNs - measured) / measured;
    }

    /** The two-sided {@value #CONFIDENCE} quantile of Student's t with {@code df} > 0 degrees of freedom (may be fractional). */
    static double tQuantile(double df) {
        if (!(df > 0)) throw new IllegalArgumentException("degrees of freedom must be > 0, got " + df);
        return new TDistribution(null, df, TDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY)
                .inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }
}
