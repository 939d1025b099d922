package org.hetsched.profiles.calibrate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hetsched.core.Median;
import org.hetsched.core.graph.SubgraphRole;

/**
 * A measured co-run slowdown: a victim task group timed on one lane alone and while another lane
 * runs an aggressor task group back to back, the two alternating in one session, so that the
 * machine's drift over the session reaches both alike. Sample i of {@code soloNs} and sample i of
 * {@code coRunNs} were taken next to each other (a pair).
 *
 * <p>Slowdown = median(co-run) / median(solo) − 1. Its spread is a paired percentile bootstrap:
 * {@value #BOOTSTRAP_RESAMPLES} resamples of the pairs (with replacement, a fixed seed, so the same
 * samples always give the same interval), the ratio of medians − 1 of each, and the
 * {@value #INTERVAL_PERCENT}% interval between its 2.5th and 97.5th percentiles. The value a
 * profile may carry ({@link #written()}) is the slowdown when the interval's lower end is above 0,
 * and 0 otherwise (an interval that includes 0, or a negative slowdown, is no measured slowdown).
 *
 * @param victim        the victim's lane id
 * @param victimRole    the subgraph role of the victim's tasks
 * @param aggressor     the aggressor's lane id, another lane
 * @param aggressorRole the subgraph role of the tasks the aggressor runs meanwhile
 * @param soloNs        the victim's time alone, per pair, ns, each &gt; 0
 * @param coRunNs       the victim's time beside the aggressor, per pair, ns, each &gt; 0
 */
public record CoRunMeasurement(int victim, SubgraphRole victimRole, int aggressor, SubgraphRole aggressorRole, long[] soloNs,
                               long[] coRunNs) {
    /** Bootstrap resamples of the pairs. */
    public static final int BOOTSTRAP_RESAMPLES = 2_000;
    /** Coverage of the bootstrap interval, per cent. */
    public static final int INTERVAL_PERCENT = 95;
    private static final long BOOTSTRAP_SEED = 1;

    public CoRunMeasurement {
        if (victim == aggressor || victimRole == null || aggressorRole == null) {
            throw new IllegalArgumentException("a co-run needs two lanes and both roles, got lanes " + victim + " and " + aggressor);
        }
        if (soloNs.length == 0 || soloNs.length != coRunNs.length) {
            throw new IllegalArgumentException("a co-run needs as many solo as co-run samples, at least one; got " + soloNs.length
                    + " and " + coRunNs.length);
        }
        for (int i = 0; i < soloNs.length; i++) {
            if (soloNs[i] <= 0 || coRunNs[i] <= 0) {
                throw new IllegalArgumentException("co-run samples must be > 0 ns, got " + soloNs[i] + " and " + coRunNs[i] + " at " + i);
            }
        }
        soloNs = soloNs.clone();
        coRunNs = coRunNs.clone();
    }

    @Override
    public long[] soloNs() {
        return soloNs.clone();
    }

    @Override
    public long[] coRunNs() {
        return coRunNs.clone();
    }

    /** Pairs taken. */
    public int pairs() {
        return soloNs.length;
    }

    /** Median of the solo samples, ns. */
    public double soloMedianNs() {
        return Median.of(soloNs);
    }

    /** Median of the co-run samples, ns. */
    public double coRunMedianNs() {
        return Median.of(coRunNs);
    }

    /** median(co-run) / median(solo) − 1, as measured (may be negative). */
    public double slowdown() {
        return coRunMedianNs() / soloMedianNs() - 1;
    }

    /**
     * The paired percentile bootstrap interval of {@link #slowdown()}: {@code [low, high]}. With
     * one pair both ends are the slowdown itself.
     */
    public double[] interval() {
        int n = soloNs.length;
        double[] stats = new double[BOOTSTRAP_RESAMPLES];
        double[] solo = new double[n];
        double[] co = new double[n];
        SplittableRandom random = new SplittableRandom(BOOTSTRAP_SEED);
        for (int b = 0; b < stats.length; b++) {
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                solo[i] = soloNs[pick];
                co[i] = coRunNs[pick];
            }
            stats[b] = Median.of(co) / Median.of(solo) - 1;
        }
        Arrays.sort(stats);
        double tail = (100 - INTERVAL_PERCENT) / 200.0;
        return new double[] {percentile(stats, tail), percentile(stats, 1 - tail)};
    }

    /** Whether the interval lies above 0, so that the slowdown counts as measured. */
    public boolean significant() {
        return interval()[0] > 0;
    }

    /** The value for the profile: the slowdown if {@link #significant()}, else 0. */
    public double written() {
        return significant() ? slowdown() : 0;
    }

    /** The q-quantile of sorted {@code values} by linear interpolation between order statistics. */
    private static double percentile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoRunMeasurement c && victim == c.victim && aggressor == c.aggressor && victimRole == c.victimRole
                && aggressorRole == c.aggressorRole && Arrays.equals(soloNs, c.soloNs) && Arrays.equals(coRunNs, c.coRunNs);
    }

    @Override
    public int hashCode() {
        return ((31 * victim + aggressor) * 31 + victimRole.hashCode()) * 31 + aggressorRole.hashCode() + 7 * Arrays.hashCode(soloNs)
                + 11 * Arrays.hashCode(coRunNs);
    }

    @Override
    public String toString() {
        return "CoRunMeasurement[victim=" + victim + "/" + victimRole + ", aggressor=" + aggressor + "/" + aggressorRole + ", solo="
                + Arrays.toString(soloNs) + ", coRun=" + Arrays.toString(coRunNs) + "]";
    }
}
