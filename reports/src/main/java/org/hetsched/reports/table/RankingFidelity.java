package org.hetsched.reports.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hetsched.core.Median;
import org.hetsched.reports.table.MakespanSample.Interval;

/**
 * How well a validation's simulations rank its policies, and how much of the measured differences
 * is run-to-run noise: the figures of the whole validation beside the per-policy ones of
 * {@link MakespanSample}. Immutable; O(policies²). All intervals are at {@value
 * MakespanSample#CONFIDENCE} confidence.
 *
 * <ul>
 *   <li><b>Noise floor.</b> Each run's makespan relative to its policy's mean, x / mean − 1, pooled
 *       over the policies with at least two runs: s_p = √(Σ_policies Σ_runs (x / mean − 1)² /
 *       Σ_policies (n − 1)), the pooled within-policy relative standard deviation, in % of a mean,
 *       on df = Σ (n − 1) degrees of freedom. The half-width it implies for the difference of two
 *       policies' means of n runs each (n the fewest runs of any policy) is t(0.975, df) · s_p ·
 *       √(2 / n), in % of a mean: measured differences below it are noise.</li>
 *   <li><b>Ranking.</b> A pair of policies is resolved when the Welch {@value
 *       MakespanSample#CONFIDENCE} interval of the difference of their mean measured makespans
 *       excludes 0 (Welch–Satterthwaite degrees of freedom; with zero spread in both, when the
 *       means differ). Over the resolved pairs, a pair is concordant when the simulation orders it
 *       as the means do, discordant when it orders it the other way, and tied when the two
 *       simulated makespans are equal (identical plans simulate identically). Kendall's τ-b over
 *       them: (C − D) / √((C + D + T) · (C + D)), resolved pairs having no measured ties; a tie
 *       lowers |τ| without counting as discordant.</li>
 *   <li><b>Speedups.</b> For each pair (a, b) of the policies, a before b in table order: the
 *       simulated speedup of a over b, sim_b / sim_a, against the measured one, mean_b / mean_a,
 *       and the error sim − measured in percentage points of speedup (100 · difference of the
 *       ratios). The measured speedup's interval is the delta method's on the log of the ratio:
 *       exp(ln r ± t · √(s_a² / (n_a mean_a²) + s_b² / (n_b mean_b²))), Welch–Satterthwaite
 *       degrees of freedom.</li>
 * </ul>
 *
 * <p>Not enough data gives null, never an invented number: with one run per policy there is no
 * noise floor, no resolved pair and no speedup interval; τ is null when no pair is resolved or
 * every resolved pair is tied in the simulation; with one policy there are no pairs, so no
 * speedup errors and null median and max.
 *
 * @param noiseRelStdPct         pooled within-policy relative standard deviation s_p, %, or null
 * @param noiseDiffHalfWidthPct  the 95% half-width of a difference of two policies' means it
 *                               implies, % of a mean, or null
 * @param noiseDegreesOfFreedom  Σ (n − 1) over the policies
 * @param kendallTau             τ-b over the resolved pairs, or null
 * @param resolvedPairs          number of resolved pairs (C + D + T)
 * @param concordant             C
 * @param discordant             D
 * @param simulatedTies          T
 * @param speedups               every pair, in table order
 * @param medianAbsSpeedupErrorPp median |error| over the pairs, percentage points, or null
 * @param maxAbsSpeedupErrorPp   largest |error|, percentage points, or null
 */
public record RankingFidelity(Double noiseRelStdPct, Double noiseDiffHalfWidthPct, int noiseDegreesOfFreedom, Double kendallTau,
                              int resolvedPairs, int concordant, int discordant, int simulatedTies, List<PairSpeedup> speedups,
                              Double medianAbsSpeedupErrorPp, Double maxAbsSpeedupErrorPp) {
    public RankingFidelity {
        speedups = List.copyOf(speedups);
    }

    /**
     * One pair's speedup, simulated and measured.
     *
     * @param a                policy earlier in table order
     * @param b                policy later in table order
     * @param simulated        sim_b / sim_a
     * @param measured         mean_b / mean_a
     * @param measuredCi95     interval of the measured speedup, or null with one run of either
     * @param resolved         whether the pair's measured means differ beyond the noise (Welch)
     */
    public record PairSpeedup(String a, String b, double simulated, double measured, Interval measuredCi95, boolean resolved) {
        /** Simulated minus measured speedup, in percentage points. */
        public double errorPp() {
            return 100.0 * (simulated - measured);
        }
    }

    /**
     * The figures of {@code samples}, one per policy in table order.
     *
     * @throws IllegalArgumentException if a policy appears twice or a simulated makespan is 0
     */
    public static RankingFidelity of(List<MakespanSample> samples) {
        Set<String> seen = new HashSet<>();
        for (MakespanSample s : samples) {
            if (!seen.add(s.policy())) throw new IllegalArgumentException("policy " + s.policy() + " appears twice");
            if (s.simulatedNs() <= 0) throw new IllegalArgumentException("policy " + s.policy() + " has no simulated makespan to rank");
        }
        double squares = 0;
        int df = 0;
        int fewestRuns = Integer.MAX_VALUE;
        for (MakespanSample s : samples) {
            fewestRuns = Math.min(fewestRuns, s.runs());
            if (s.runs() < 2) continue;
            double mean = s.meanNs();
            for (long ns : s.measuredNs()) squares += (ns / mean - 1) * (ns / mean - 1);
            df += s.runs() - 1;
        }
        Double noise = df == 0 ? null : 100 * Math.sqrt(squares / df);
        Double halfWidth = df == 0 ? null : MakespanSample.tQuantile(df) * noise * Math.sqrt(2.0 / fewestRuns);

        List<PairSpeedup> pairs = new ArrayList<>();
        int concordant = 0;
        int discordant = 0;
        int ties = 0;
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                MakespanSample a = samples.get(i);
                MakespanSample b = samples.get(j);
                boolean resolved = resolved(a, b);
                if (resolved) {
                    int measured = Double.compare(b.meanNs(), a.meanNs());
                    int simulated = Long.compare(b.simulatedNs(), a.simulatedNs());
                    if (simulated == 0) {
                        ties++;
                    } else if (simulated == measured) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
                pairs.add(new PairSpeedup(a.policy(), b.policy(), (double) b.simulatedNs() / a.simulatedNs(), b.meanNs() / a.meanNs(),
                        speedupCi95(a, b), resolved));
            }
        }
        int ranked = concordant + discordant;
        Double tau = ranked == 0 ? null : (concordant - discordant) / Math.sqrt((double) (ranked + ties) * ranked);
        double[] abs = pairs.stream().mapToDouble(p -> Math.abs(p.errorPp())).toArray();
        Double median = abs.length == 0 ? null : Median.of(abs);
        Double max = abs.length == 0 ? null : Arrays.stream(abs).max().getAsDouble();
        return new RankingFidelity(noise, halfWidth, df, tau, concordant + discordant + ties, concordant, discordant, ties, pairs,
                median, max);
    }

    /** Whether the Welch interval of mean_b − mean_a excludes 0; false with one run of either. */
    static boolean resolved(MakespanSample a, MakespanSample b) {
        if (a.runs() < 2 || b.runs() < 2) return false;
        double diff = b.meanNs() - a.meanNs();
        double va = a.varianceNs2() / a.runs();
        double vb = b.varianceNs2() / b.runs();
        if (va + vb == 0) return diff != 0;
        double df = (va + vb) * (va + vb) / (va * va / (a.runs() - 1) + vb * vb / (b.runs() - 1));
        return Math.abs(diff) > MakespanSample.tQuantile(df) * Math.sqrt(va + vb);
    }

    /** The delta-method interval of mean_b / mean_a on the log scale; null with one run of either. */
    static Interval speedupCi95(MakespanSample a, MakespanSample b) {
        if (a.runs() < 2 || b.runs() < 2) return null;
        double ratio = b.meanNs() / a.meanNs();
        double va = a.varianceNs2() / (a.runs() * a.meanNs() * a.meanNs());
        double vb = b.varianceNs2() / (b.runs() * b.meanNs() * b.meanNs());
        if (va + vb == 0) return new Interval(ratio, ratio);
        double df = (va + vb) * (va + vb) / (va * va / (a.runs() - 1) + vb * vb / (b.runs() - 1));
        double half = MakespanSample.tQuantile(df) * Math.sqrt(va + vb);
        return new Interval(ratio * Math.exp(-half), ratio * Math.exp(half));
    }
}
