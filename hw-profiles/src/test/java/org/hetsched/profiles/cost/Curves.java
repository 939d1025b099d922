package org.hetsched.profiles.cost;

import org.hetsched.core.graph.DType;
import org.hetsched.profiles.format.AnalyticCosts;
import org.hetsched.profiles.format.CostPoint;
import org.hetsched.profiles.format.SourcedValue;

/** Made-up rooflines and points for the curve tests. */
final class Curves {
    private Curves() {
    }

    static SourcedValue v(double value) {
        return new SourcedValue(value, "test");
    }

    /** A roofline with the given matmul parameters (ns, MAC/s, bytes/s, rows). */
    static Roofline roofline(DType dtype, double fixedNs, double macsPerSecond, double bytesPerSecond, double minRows) {
        return new Roofline(new AnalyticCosts("p", dtype,
                new AnalyticCosts.Matmul(v(fixedNs), v(macsPerSecond), v(bytesPerSecond), v(minRows)),
                new AnalyticCosts.Elementwise(v(fixedNs), v(bytesPerSecond))));
    }

    static CostPoint point(int m, int k, int n, double latencyNs) {
        return new CostPoint(1, m, k, n, latencyNs, "test");
    }
}
