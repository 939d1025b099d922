package org.hetsched.profiles.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RobustStatsTest {
    @Test
    void rejectsNoSamples() {
        assertThrows(IllegalArgumentException.class, () -> RobustStats.summarize(new long[0]));
    }

    @Test
    void oneSampleIsItsOwnMedianWithZeroSpread() {
        assertEquals(new RobustStats.Summary(7, 0, 1, 0), RobustStats.summarize(new long[] {7}));
    }

    @Test
    void twoSamplesGiveTheirMeanAndHalfTheirDistanceAndKeepBoth() {
        assertEquals(new RobustStats.Summary(15, 5, 2, 0), RobustStats.summarize(new long[] {10, 20}));
    }

    @Test
    void dropsAPointBeyondThreeMads() {
        RobustStats.Summary s = RobustStats.summarize(new long[] {100, 101, 99, 100, 102, 98, 1000});
        assertEquals(1, s.rejected());
        assertEquals(6, s.kept());
        assertEquals(100, s.medianNs(), 1e-9);
    }

    @Test
    void identicalSamplesKeepEverything() {
        assertEquals(new RobustStats.Summary(5, 0, 3, 0), RobustStats.summarize(new long[] {5, 5, 5}));
    }

    @Test
    void rejectsNegativeSamples() {
        assertThrows(IllegalArgumentException.class, () -> RobustStats.summarize(new long[] {1, -1}));
    }
}
