package org.hetsched.profiles.calibrate;

import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Least-squares line of latency over work (MACs for matrix-multiply kinds, elements otherwise),
 * fitted with Commons Math's {@link SimpleRegression}.
 *
 * @param interceptNs fixed cost, ns (may be negative before clamping)
 * @param slopeNsPerUnit ns per MAC or per element; may be ≤ 0 for flat or noisy data
 * @param points     how many points were fitted
 */
public record CostFit(double interceptNs, double slopeNsPerUnit, int points) {
    public CostFit {
        if (!Double.isFinite(interceptNs) || !Double.isFinite(slopeNsPerUnit) || points < 1) {
            throw new IllegalArgumentException("bad fit: intercept " + interceptNs + " ns, slope " + slopeNsPerUnit + " ns/unit, "
                    + points + " points");
        }
    }

    /** One (work, latency) observation. */
    public record Point(double work, double latencyNs) {
        public Point {
            if (!(work > 0) || !(latencyNs >= 0)) {
                throw new IllegalArgumentException("bad point: work " + work + ", latency " + latencyNs + " ns");
            }
        }
    }

    /**
     * Fits a line. One point, or points that all share one work value, fit a line through the
     * origin and their mean (intercept 0), since no fixed cost can be separated from them.
     *
     * @throws IllegalArgumentException if {@code points} is empty
     */
    public static CostFit of(List<Point> points) {
        if (points.isEmpty()) throw new IllegalArgumentException("no points to fit");
        double firstWork = points.get(0).work();
        boolean oneWork = points.stream().allMatch(p -> p.work() == firstWork);
        if (oneWork) {
            double mean = points.stream().mapToDouble(Point::latencyNs).average().orElseThrow();
            return new CostFit(0, mean / firstWork, points.size());
        }
        SimpleRegression regression = new SimpleRegression(true);
        for (Point p : points) regression.addData(p.work(), p.latencyNs());
        return new CostFit(regression.getIntercept(), regression.getSlope(), points.size());
    }

    /** The fixed cost for a profile: the intercept clamped at 0, ns. */
    public double fixedNs() {
        return Math.max(0, interceptNs);
    }
}
