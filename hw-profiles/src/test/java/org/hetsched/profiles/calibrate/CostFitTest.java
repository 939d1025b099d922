package org.hetsched.profiles.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostFitTest {
    @Test
    void recoversAnExactLine() {
        CostFit fit = CostFit.of(List.of(new CostFit.Point(100, 1_100), new CostFit.Point(200, 2_100), new CostFit.Point(400, 4_100)));
        assertEquals(100, fit.interceptNs(), 1e-6);
        assertEquals(10, fit.slopeNsPerUnit(), 1e-9);
        assertEquals(3, fit.points());
    }

    @Test
    void onePointFitsThroughTheOrigin() {
        CostFit fit = CostFit.of(List.of(new CostFit.Point(50, 500)));
        assertEquals(0, fit.interceptNs());
        assertEquals(10, fit.slopeNsPerUnit(), 1e-12);
    }

    @Test
    void negativeInterceptIsClampedForTheProfile() {
        CostFit fit = CostFit.of(List.of(new CostFit.Point(100, 900), new CostFit.Point(200, 1_900)));
        assertEquals(-100, fit.interceptNs(), 1e-6);
        assertEquals(0, fit.fixedNs());
    }

    @Test
    void rejectsNoPoints() {
        assertThrows(IllegalArgumentException.class, () -> CostFit.of(List.of()));
    }

    @Test
    void poolsAdjacentViolatorsIntoTheirMean() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, ProfileWriter.pava(new double[] {1, 3, 2, 4}), 1e-12);
        assertArrayEquals(new double[] {}, ProfileWriter.pava(new double[] {}), 0);
        assertArrayEquals(new double[] {2, 2}, ProfileWriter.pava(new double[] {3, 1}), 1e-12);
    }
}
