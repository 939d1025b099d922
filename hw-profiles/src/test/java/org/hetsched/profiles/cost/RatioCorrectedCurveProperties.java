package org.hetsched.profiles.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.platform.CostBasis;
import org.hetsched.profiles.format.CostPoint;

/**
 * Properties of the interpolation on random rooflines and random measured points (several
 * points per shape, flat stretches included), each built from a seed.
 */
class RatioCorrectedCurveProperties {
    private static final int[] M_CHOICES = {1, 8, 16, 32, 48, 64, 100, 128, 256, 384, 512, 1024};

    private record Fixture(Roofline roofline, List<CostPoint> points, RatioCorrectedCurve curve) {
    }

    private static Fixture fixture(long seed) {
        Random random = new Random(seed);
        Roofline roofline = Curves.roofline(DType.INT8, random.nextInt(2) * random.nextDouble() * 2e6,
                Math.pow(10, 9 + 4 * random.nextDouble()), Math.pow(10, 9 + 2 * random.nextDouble()),
                1 + random.nextInt(2) * random.nextInt(512));
        List<CostPoint> points = new ArrayList<>();
        int shapes = 1 + random.nextInt(4);
        Set<String> seen = new HashSet<>();
        for (int s = 0; s < shapes; s++) {
            int batch = 1 + random.nextInt(2) * random.nextInt(16);
            int k = 1 + random.nextInt(8192);
            int n = 1 + random.nextInt(8192);
            if (!seen.add(batch + "/" + k + "/" + n)) continue;
            Set<Integer> ms = new java.util.TreeSet<>();
            int count = 1 + random.nextInt(4);
            while (ms.size() < count) ms.add(M_CHOICES[random.nextInt(M_CHOICES.length)]);
            double latency = Math.pow(10, 3 + 5 * random.nextDouble());
            for (int m : ms) {
                // Non-decreasing in m, as the validator demands; sometimes exactly flat.
                latency *= random.nextBoolean() ? 1.0 : 1.0 + 3 * random.nextDouble();
                points.add(new CostPoint(batch, m, k, n, latency, "random"));
            }
        }
        return new Fixture(roofline, points, new RatioCorrectedCurve(roofline, OpKind.LINEAR, points));
    }

    @Property(tries = 500)
    void aLargerMIsNeverCheaper(@ForAll long seed, @ForAll @IntRange(min = 1, max = 2048) int m1,
                                @ForAll @IntRange(min = 1, max = 2048) int m2, @ForAll boolean measuredShape,
                                @ForAll @IntRange(min = 1, max = 8192) int k, @ForAll @IntRange(min = 1, max = 8192) int n) {
        Fixture f = fixture(seed);
        CostPoint shapeOf = f.points().get(0);
        int batch = measuredShape ? shapeOf.batch() : 1;
        int kk = measuredShape ? shapeOf.k() : k;
        int nn = measuredShape ? shapeOf.n() : n;
        int lo = Math.min(m1, m2);
        int hi = Math.max(m1, m2);
        double low = f.curve().price(Op.probe(OpKind.LINEAR, batch, lo, kk, nn)).latencyNs();
        double high = f.curve().price(Op.probe(OpKind.LINEAR, batch, hi, kk, nn)).latencyNs();
        // Allow only floating-point noise.
        assertTrue(high >= low * (1 - 1e-12), "m=" + hi + " costs " + high + " < " + low + " at m=" + lo);
    }

    @Property(tries = 200)
    void everyMeasuredPointIsReproducedExactly(@ForAll long seed) {
        Fixture f = fixture(seed);
        for (CostPoint p : f.points()) {
            OpCost c = f.curve().price(Op.probe(OpKind.LINEAR, p.batch(), p.m(), p.k(), p.n()));
            assertEquals(p.latencyNs(), c.latencyNs());
            assertEquals(CostBasis.MEASURED, c.basis());
        }
    }
}
