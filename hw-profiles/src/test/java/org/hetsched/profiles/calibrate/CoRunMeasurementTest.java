package org.hetsched.profiles.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hetsched.core.graph.SubgraphRole;
import org.junit.jupiter.api.Test;

class CoRunMeasurementTest {

    private static CoRunMeasurement of(long[] solo, long[] co) {
        return new CoRunMeasurement(0, SubgraphRole.LINEAR, 1, SubgraphRole.ATTENTION, solo, co);
    }

    @Test
    void slowdownIsTheRatioOfMediansMinusOne() {
        CoRunMeasurement c = of(new long[] {100, 110, 90, 100, 105}, new long[] {150, 160, 140, 150, 155});
        assertEquals(100, c.soloMedianNs());
        assertEquals(150, c.coRunMedianNs());
        assertEquals(0.5, c.slowdown(), 1e-12);
        assertEquals(5, c.pairs());
    }

    @Test
    void aClearSlowdownHasAnIntervalAboveZeroAndIsWrittenAsMeasured() {
        CoRunMeasurement c = of(new long[] {100, 110, 90, 100, 105, 95, 102}, new long[] {150, 160, 140, 150, 155, 148, 152});
        double[] interval = c.interval();
        assertTrue(interval[0] <= c.slowdown() && c.slowdown() <= interval[1], interval[0] + ".." + interval[1]);
        assertTrue(interval[0] > 0);
        assertTrue(c.significant());
        assertEquals(c.slowdown(), c.written());
        assertArrayEquals(interval, c.interval(), "the bootstrap is seeded: the same samples give the same interval");
    }

    @Test
    void anIntervalIncludingZeroOrANegativeSlowdownIsWrittenAsZero() {
        CoRunMeasurement noisy = of(new long[] {100, 200, 90, 180, 95}, new long[] {110, 95, 190, 100, 185});
        assertTrue(noisy.interval()[0] <= 0, "noise both ways");
        assertFalse(noisy.significant());
        assertEquals(0.0, noisy.written());
        CoRunMeasurement faster = of(new long[] {100, 101, 99, 100, 100}, new long[] {90, 91, 89, 90, 90});
        assertTrue(faster.slowdown() < 0);
        assertEquals(0.0, faster.written());
    }

    @Test
    void onePairIsItsOwnInterval() {
        CoRunMeasurement c = of(new long[] {100}, new long[] {120});
        assertEquals(0.2, c.interval()[0], 1e-12);
        assertEquals(0.2, c.interval()[1], 1e-12);
    }

    @Test
    void refusesUnpairedEmptyOrNonPositiveSamplesAndOneLane() {
        assertThrows(IllegalArgumentException.class, () -> of(new long[] {1, 2}, new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> of(new long[0], new long[0]));
        assertThrows(IllegalArgumentException.class, () -> of(new long[] {0}, new long[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new CoRunMeasurement(1, SubgraphRole.LINEAR, 1, SubgraphRole.LINEAR, new long[] {1}, new long[] {1}));
    }
}
