package org.hetsched.profiles.cost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.platform.CostBasis;
import org.hetsched.profiles.format.CostPoint;

/**
 * Ratio-corrected analytic interpolation: the roofline's latency for the op, times the ratio
 * measured/roofline learnt from the measured points.
 *
 * <p>How the ratio is found for an op {@code (batch, m, k, n)}:
 * <ol>
 *   <li>Points are grouped by their (batch, k, n), a "weight shape". Within a group the ratio is
 *       interpolated linearly in log m (equivalently log MACs) between neighbouring points, and
 *       held at the end values outside them ("clamped"), so beyond the measured range the
 *       roofline alone says how the cost grows with m.</li>
 *   <li>If some group has the op's (batch, k, n), only that group is used: the op's latency is then
 *       exactly the measured one at a measured m ({@link CostBasis#MEASURED}), and between
 *       measured m's it follows the roofline, corrected by that group's interpolated ratio.</li>
 *   <li>Otherwise the log ratios of all groups are averaged, weighted by inverse squared distance
 *       in (log batch, log k, log n). Near shapes count most; no shape is ever ignored.</li>
 *   <li>Finally the latency is made non-decreasing in m: it is the largest of its value at m and
 *       at every measured m below m (the "envelope"). Between two measured m's the log of the
 *       uncorrected latency is convex in log m (the roofline's elasticity never falls and the log
 *       ratio is linear there), so the largest value over all smaller m is at one of those points;
 *       the envelope is therefore the running maximum, continuous, and equal to the uncorrected
 *       latency wherever that already grows with m (in particular at every measured point, because
 *       the validator requires measured latencies not to fall as m grows).</li>
 * </ol>
 * Everything that is not an exact point is {@link CostBasis#INTERPOLATED}, extrapolation in m
 * included (it still rests on measured points).
 *
 * <p>Why this scheme: it reproduces every point exactly; it needs only one point per weight shape
 * (Table 3 has six shapes, each at a single m) yet scales to other m and other shapes by the
 * roofline, which knows about under-filled matrix units and memory-bound regimes; and it never
 * prices a larger m below a smaller one at the same (batch, k, n).
 *
 * <p>Memory O(points); pricing an op costs O(points · shapes) arithmetic, no allocation besides
 * the result and a weight array. Immutable and thread-safe.
 */
final class RatioCorrectedCurve implements CostCurve {
    private static final double[] ALONE = {1.0};

    private final Roofline roofline;
    private final OpKind kind;
    private final Group[] groups;
    private final Map<Shape, Group> byShape;
    /** Every distinct measured m, ascending: where the blended log ratio can bend. */
    private final int[] knots;

    /**
     * @param points at least one, all of {@code kind}, with distinct shapes and latencies that do
     *               not fall as m grows within a (batch, k, n), as the profile validator ensures
     * @throws IllegalArgumentException if {@code points} is empty: with no point, price by
     *                                  {@link AnalyticCurve} instead
     */
    RatioCorrectedCurve(Roofline roofline, OpKind kind, List<CostPoint> points) {
        if (points.isEmpty()) throw new IllegalArgumentException("a ratio-corrected curve needs at least one measured point");
        this.roofline = roofline;
        this.kind = kind;
        Map<Shape, List<CostPoint>> grouped = new HashMap<>();
        TreeSet<Integer> ms = new TreeSet<>();
        for (CostPoint p : points) {
            grouped.computeIfAbsent(new Shape(p.batch(), p.k(), p.n()), s -> new ArrayList<>()).add(p);
            ms.add(p.m());
        }
        List<Shape> shapes = new ArrayList<>(grouped.keySet());
        // A fixed order keeps the floating-point sums, and so the prices, independent of hash order.
        shapes.sort(Comparator.comparingInt(Shape::batch).thenComparingInt(Shape::k).thenComparingInt(Shape::n));
        this.groups = new Group[shapes.size()];
        this.byShape = new HashMap<>();
        for (int i = 0; i < shapes.size(); i++) {
            groups[i] = new Group(shapes.get(i), grouped.get(shapes.get(i)));
            byShape.put(shapes.get(i), groups[i]);
        }
        this.knots = ms.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public OpCost price(Op op) {
        Group exact = byShape.get(new Shape(op.batch(), op.k(), op.n()));
        if (exact != null) {
            int i = Arrays.binarySearch(exact.m, op.m());
            if (i >= 0) return new OpCost(exact.latencyNs[i], CostBasis.MEASURED);
            return new OpCost(envelope(op, exact.alone, ALONE, exact.m), CostBasis.INTERPOLATED);
        }
        double[] weights = new double[groups.length];
        double total = 0;
        double lnBatch = Math.log(op.batch());
        double lnK = Math.log(op.k());
        double lnN = Math.log(op.n());
        for (int g = 0; g < groups.length; g++) {
            double db = lnBatch - groups[g].lnBatch;
            double dk = lnK - groups[g].lnK;
            double dn = lnN - groups[g].lnN;
            weights[g] = 1.0 / (db * db + dk * dk + dn * dn);
            total += weights[g];
        }
        for (int g = 0; g < groups.length; g++) weights[g] /= total;
        return new OpCost(envelope(op, groups, weights, knots), CostBasis.INTERPOLATED);
    }

    @Override
    public CostPoint exactPoint(Op op) {
        Group exact = byShape.get(new Shape(op.batch(), op.k(), op.n()));
        if (exact == null) return null;
        int i = Arrays.binarySearch(exact.m, op.m());
        return i >= 0 ? exact.points[i] : null;
    }

    /** The largest corrected latency at the op's m and at every knot below it. */
    private double envelope(Op op, Group[] using, double[] weights, int[] knotsToCheck) {
        double latency = corrected(op, op.m(), using, weights);
        for (int u : knotsToCheck) {
            if (u >= op.m()) break;
            latency = Math.max(latency, corrected(op, u, using, weights));
        }
        return latency;
    }

    private double corrected(Op op, int m, Group[] using, double[] weights) {
        double lnM = Math.log(m);
        double lnRatio = 0;
        for (int g = 0; g < using.length; g++) lnRatio += weights[g] * using[g].lnRatioAt(lnM);
        return roofline.latencyNs(kind, op.batch(), m, op.k(), op.n()) * Math.exp(lnRatio);
    }

    private record Shape(int batch, int k, int n) {
    }

    /** The points of one (batch, k, n), sorted by m. */
    private final class Group {
        final double lnBatch;
        final double lnK;
        final double lnN;
        final int[] m;
        final double[] lnM;
        final double[] lnRatio;
        final double[] latencyNs;
        final CostPoint[] points;
        final Group[] alone = {this};

        Group(Shape shape, List<CostPoint> points) {
            List<CostPoint> sorted = new ArrayList<>(points);
            sorted.sort(Comparator.comparingInt(CostPoint::m));
            lnBatch = Math.log(shape.batch());
            lnK = Math.log(shape.k());
            lnN = Math.log(shape.n());
            int size = sorted.size();
            m = new int[size];
            lnM = new double[size];
            lnRatio = new double[size];
            latencyNs = new double[size];
            this.points = sorted.toArray(new CostPoint[0]);
            for (int i = 0; i < size; i++) {
                CostPoint p = sorted.get(i);
                m[i] = p.m();
                lnM[i] = Math.log(p.m());
                latencyNs[i] = p.latencyNs();
                lnRatio[i] = Math.log(p.latencyNs() / roofline.latencyNs(kind, p.batch(), p.m(), p.k(), p.n()));
            }
        }

        /** The log ratio at log m: linear between points, the end value outside them. */
        double lnRatioAt(double x) {
            int last = lnM.length - 1;
            if (x <= lnM[0]) return lnRatio[0];
            if (x >= lnM[last]) return lnRatio[last];
            int i = Arrays.binarySearch(lnM, x);
            if (i >= 0) return lnRatio[i];
            int hi = -i - 1;
            int lo = hi - 1;
            double t = (x - lnM[lo]) / (lnM[hi] - lnM[lo]);
            return lnRatio[lo] + t * (lnRatio[hi] - lnRatio[lo]);
        }
    }
}
