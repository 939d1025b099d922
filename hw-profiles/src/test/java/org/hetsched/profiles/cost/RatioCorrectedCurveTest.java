package org.hetsched.profiles.cost;

import static org.hetsched.profiles.cost.Curves.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.platform.CostBasis;
import org.junit.jupiter.api.Test;

class RatioCorrectedCurveTest {
    private static final Roofline ROOFLINE = Curves.roofline(DType.INT8, 100_000, 1e12, 5e10, 1);

    private static double analytic(int m, int k, int n) {
        return ROOFLINE.latencyNs(OpKind.LINEAR, 1, m, k, n);
    }

    private static OpCost price(RatioCorrectedCurve curve, int m, int k, int n) {
        return curve.price(Op.probe(OpKind.LINEAR, 1, m, k, n));
    }

    @Test
    void zeroPointsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RatioCorrectedCurve(ROOFLINE, OpKind.LINEAR, List.of()));
        assertTrue(e.getMessage().contains("at least one measured point"), e.getMessage());
    }

    @Test
    void onePointIsExactAndScalesEverythingElseByItsRatio() {
        double ratio = 2.5;
        RatioCorrectedCurve curve = new RatioCorrectedCurve(ROOFLINE, OpKind.LINEAR,
                List.of(point(64, 1024, 1024, ratio * analytic(64, 1024, 1024))));
        OpCost atPoint = price(curve, 64, 1024, 1024);
        assertEquals(CostBasis.MEASURED, atPoint.basis());
        assertEquals(ratio * analytic(64, 1024, 1024), atPoint.latencyNs());
        for (int[] q : new int[][] {{1, 1024, 1024}, {512, 1024, 1024}, {64, 4096, 512}, {2048, 8192, 8192}}) {
            OpCost c = price(curve, q[0], q[1], q[2]);
            assertEquals(CostBasis.INTERPOLATED, c.basis());
            assertEquals(ratio * analytic(q[0], q[1], q[2]), c.latencyNs(), 1e-6 * c.latencyNs());
        }
    }

    @Test
    void twoPointsOfOneShapeInterpolateBetweenAndClampOutside() {
        // The ratio grows with m here, so the prices grow too and the envelope never binds.
        double r64 = 1.5;
        double r256 = 3.0;
        RatioCorrectedCurve curve = new RatioCorrectedCurve(ROOFLINE, OpKind.LINEAR, List.of(
                point(256, 1024, 1024, r256 * analytic(256, 1024, 1024)),
                point(64, 1024, 1024, r64 * analytic(64, 1024, 1024))));
        assertEquals(r64 * analytic(64, 1024, 1024), price(curve, 64, 1024, 1024).latencyNs());
        assertEquals(r256 * analytic(256, 1024, 1024), price(curve, 256, 1024, 1024).latencyNs());
        // m = 128 is halfway in log m, so the ratio is the geometric mean of the two.
        assertEquals(Math.sqrt(r64 * r256) * analytic(128, 1024, 1024), price(curve, 128, 1024, 1024).latencyNs(), 1e-6);
        // Outside, the nearest ratio holds and the roofline sets the growth.
        assertEquals(r256 * analytic(4096, 1024, 1024), price(curve, 4096, 1024, 1024).latencyNs(), 1e-3);
        assertEquals(r64 * analytic(8, 1024, 1024), price(curve, 8, 1024, 1024).latencyNs(), 1e-6);
        assertEquals(CostBasis.INTERPOLATED, price(curve, 128, 1024, 1024).basis());
    }

    @Test
    void anExactShapeIgnoresOtherShapesAndOtherShapesBlendByDistance() {
        double rSmall = 4.0;
        double rLarge = 1.0;
        RatioCorrectedCurve curve = new RatioCorrectedCurve(ROOFLINE, OpKind.LINEAR, List.of(
                point(64, 1024, 1024, rSmall * analytic(64, 1024, 1024)),
                point(64, 4096, 1024, rLarge * analytic(64, 4096, 1024))));
        assertEquals(rSmall * analytic(200, 1024, 1024), price(curve, 200, 1024, 1024).latencyNs(), 1e-6,
                "a (k, n) that was measured uses its own points only");
        // k = 2048 lies halfway (in log k) between the two shapes: equal weights, geometric mean ratio.
        assertEquals(Math.sqrt(rSmall * rLarge) * analytic(64, 2048, 1024), price(curve, 64, 2048, 1024).latencyNs(), 1e-6);
        // Nearer shapes weigh more.
        double nearSmall = price(curve, 64, 1200, 1024).latencyNs() / analytic(64, 1200, 1024);
        assertTrue(nearSmall > Math.sqrt(rSmall * rLarge) && nearSmall < rSmall, "ratio " + nearSmall);
    }

    @Test
    void theEnvelopeKeepsPricesFromFallingBetweenPoints() {
        // Measured latency flat from m=64 to m=256 while the roofline grows: the uncorrected blend
        // would dip below the m=64 price just above it.
        Roofline growing = Curves.roofline(DType.INT8, 5_000_000, 1e11, 5e10, 1);
        double flat = 2 * growing.latencyNs(OpKind.LINEAR, 1, 64, 1024, 1024);
        RatioCorrectedCurve curve = new RatioCorrectedCurve(growing, OpKind.LINEAR, List.of(
                point(64, 1024, 1024, flat), point(256, 1024, 1024, flat)));
        double previous = 0;
        for (int m = 1; m <= 512; m++) {
            double latency = curve.price(Op.probe(OpKind.LINEAR, 1, m, 1024, 1024)).latencyNs();
            assertTrue(latency >= previous, "m=" + m + ": " + latency + " < " + previous);
            if (m >= 64 && m <= 256) assertEquals(flat, latency, 1e-6 * flat, "m=" + m);
            previous = latency;
        }
    }
}
