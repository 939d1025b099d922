package org.hetsched.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.hetsched.reports.table.MakespanSample.Interval;
import org.hetsched.reports.table.RankingFidelity.PairSpeedup;
import org.junit.jupiter.api.Test;

class RankingFidelityTest {
    /**
     * Student's t, two-sided 95% (the 0.975 quantile): df 2 and 4 from the closed forms
     * (2p − 1) √(2 / α) and 2 √(cos(acos(√α) / 3) / √α − 1), α = 4p(1 − p), p = 0.975; df 6 as R's
     * qt(0.975, 6) prints it.
     */
    private static final double T2 = 4.302652729749461;
    private static final double T4 = 2.7764451051977934;
    private static final double T6 = 2.446911851144969;
    /** Commons Math inverts the t distribution to 1e-9 absolute. */
    private static final double T_ACCURACY = 1e-8;

    private static MakespanSample sample(String policy, long sim, long... measured) {
        return new MakespanSample(policy, sim, Arrays.stream(measured).boxed().toList());
    }

    @Test
    void theMeansIntervalIsStudentsTAndTheSignedErrorFollowsFromIt() {
        MakespanSample s = sample("p", 110, 90, 100, 110);
        assertEquals(100, s.meanNs(), 1e-12);
        assertEquals(100, s.varianceNs2(), 1e-12);
        double half = T2 * 10 / Math.sqrt(3);
        Interval mean = s.meanCi95Ns();
        assertEquals(100 - half, mean.low(), T_ACCURACY * 10);
        assertEquals(100 + half, mean.high(), T_ACCURACY * 10);
        assertEquals(10.0, s.signedErrorPct(), 1e-12);
        Interval error = s.signedErrorPctCi95();
        assertEquals(100.0 * (110 - (100 + half)) / (100 + half), error.low(), 1e-6);
        assertEquals(100.0 * (110 - (100 - half)) / (100 - half), error.high(), 1e-6);
        assertEquals(T2, MakespanSample.tQuantile(2), T_ACCURACY);
        assertEquals(T4, MakespanSample.tQuantile(4), T_ACCURACY);
        assertEquals(T6, MakespanSample.tQuantile(6), T_ACCURACY);
    }

    @Test
    void aMeanIntervalReachingZeroLeavesTheErrorUnboundedSoNull() {
        MakespanSample wide = sample("p", 50, 1, 100);
        assertTrue(wide.meanCi95Ns().low() < 0);
        assertNull(wide.signedErrorPctCi95());
    }

    @Test
    void oneRunGivesNoIntervalNoNoiseFloorAndNoRankedPair() {
        MakespanSample a = sample("a", 10, 100);
        MakespanSample b = sample("b", 30, 200);
        assertNull(a.meanCi95Ns());
        assertNull(a.signedErrorPctCi95());
        assertEquals(-90.0, a.signedErrorPct(), 1e-12);
        RankingFidelity f = RankingFidelity.of(List.of(a, b));
        assertNull(f.noiseRelStdPct());
        assertNull(f.noiseDiffHalfWidthPct());
        assertEquals(0, f.noiseDegreesOfFreedom());
        assertNull(f.kendallTau());
        assertEquals(0, f.resolvedPairs());
        PairSpeedup p = f.speedups().get(0);
        assertNull(p.measuredCi95());
        assertFalse(p.resolved());
        assertEquals(100.0, p.errorPp(), 1e-9, "simulated 3x, measured 2x");
    }

    @Test
    void tauCountsADiscordantPairAndLeavesOutPairsWithinNoise() {
        // c is measured slower than b but simulated faster; d's runs are a's within noise
        RankingFidelity f = RankingFidelity.of(List.of(sample("a", 10, 100, 101, 99), sample("b", 30, 200, 202, 198),
                sample("c", 20, 300, 303, 297), sample("d", 5, 100, 102, 98)));
        assertEquals(5, f.resolvedPairs(), "every pair but (a, d)");
        // concordant (a,b) (a,c) (b,d) (c,d); discordant (b,c)
        assertEquals(4, f.concordant());
        assertEquals(1, f.discordant());
        assertEquals(0, f.simulatedTies());
        assertEquals((4 - 1) / 5.0, f.kendallTau(), 1e-12);
        PairSpeedup ad = f.speedups().get(2);
        assertEquals("a", ad.a());
        assertEquals("d", ad.b());
        assertFalse(ad.resolved());
    }

    @Test
    void aTieInTheSimulationIsNeitherConcordantNorDiscordantTauB() {
        RankingFidelity f = RankingFidelity.of(List.of(sample("a", 10, 100, 101, 99), sample("b", 10, 200, 202, 198),
                sample("c", 20, 300, 303, 297)));
        assertEquals(3, f.resolvedPairs());
        assertEquals(2, f.concordant());
        assertEquals(0, f.discordant());
        assertEquals(1, f.simulatedTies());
        assertEquals(2 / Math.sqrt(3 * 2), f.kendallTau(), 1e-12);

        RankingFidelity allTied = RankingFidelity.of(List.of(sample("a", 10, 100, 101, 99), sample("b", 10, 200, 202, 198)));
        assertEquals(1, allTied.resolvedPairs());
        assertNull(allTied.kendallTau(), "no pair the simulation orders: no tau");
    }

    @Test
    void noiseFloorIsThePooledRelativeSpreadAndItsHalfWidthForADifference() {
        // relative deviations +-1% and 0 in each policy: pooled SD 1% on 6 degrees of freedom
        RankingFidelity f = RankingFidelity.of(List.of(sample("a", 10, 100, 101, 99), sample("b", 30, 200, 202, 198),
                sample("c", 20, 300, 303, 297)));
        assertEquals(1.0, f.noiseRelStdPct(), 1e-9);
        assertEquals(6, f.noiseDegreesOfFreedom());
        assertEquals(T6 * 1.0 * Math.sqrt(2.0 / 3), f.noiseDiffHalfWidthPct(), T_ACCURACY);
    }

    @Test
    void speedupErrorsPerPairWithTheirMedianMaxAndDeltaMethodInterval() {
        RankingFidelity f = RankingFidelity.of(List.of(sample("a", 10, 100, 101, 99), sample("b", 30, 200, 202, 198),
                sample("c", 20, 300, 303, 297)));
        List<PairSpeedup> s = f.speedups();
        assertEquals(List.of("a:b", "a:c", "b:c"), s.stream().map(p -> p.a() + ":" + p.b()).toList());
        assertEquals(3.0, s.get(0).simulated(), 1e-12);
        assertEquals(2.0, s.get(0).measured(), 1e-12);
        assertEquals(100.0, s.get(0).errorPp(), 1e-9);
        assertEquals(-100.0, s.get(1).errorPp(), 1e-9);
        assertEquals(100.0 * (20.0 / 30 - 1.5), s.get(2).errorPp(), 1e-9);
        assertEquals(100.0, f.medianAbsSpeedupErrorPp(), 1e-9);
        assertEquals(100.0, f.maxAbsSpeedupErrorPp(), 1e-9);
        // a and b have the same relative variance 1/(3 * 100^2) of their means: Welch df 4
        double half = T4 * Math.sqrt(2.0 / 30000);
        assertEquals(2 * Math.exp(-half), s.get(0).measuredCi95().low(), T_ACCURACY);
        assertEquals(2 * Math.exp(half), s.get(0).measuredCi95().high(), T_ACCURACY);
    }

    @Test
    void zeroSpreadResolvesDifferentMeansWithAPointInterval() {
        RankingFidelity f = RankingFidelity.of(List.of(sample("a", 10, 100, 100), sample("b", 20, 200, 200)));
        assertEquals(1, f.resolvedPairs());
        assertEquals(1.0, f.kendallTau(), 1e-12);
        assertEquals(new Interval(2.0, 2.0), f.speedups().get(0).measuredCi95());
        assertEquals(0.0, f.noiseRelStdPct(), 1e-12);
    }

    @Test
    void onePolicyHasNoPairs() {
        RankingFidelity f = RankingFidelity.of(List.of(sample("a", 10, 100, 101, 99)));
        assertEquals(List.of(), f.speedups());
        assertNull(f.medianAbsSpeedupErrorPp());
        assertNull(f.maxAbsSpeedupErrorPp());
        assertNull(f.kendallTau());
        assertEquals(1.0, f.noiseRelStdPct(), 1e-9, "within-policy spread needs no second policy");
    }

    @Test
    void badSamplesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> sample("a", 10));
        assertThrows(IllegalArgumentException.class, () -> sample("a", 10, 0));
        assertThrows(IllegalArgumentException.class, () -> RankingFidelity.of(List.of(sample("a", 10, 1), sample("a", 10, 2))));
        assertThrows(IllegalArgumentException.class, () -> RankingFidelity.of(List.of(sample("a", 0, 1))));
    }
}
