package org.hetsched.profiles.cost;

import org.hetsched.core.Units;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.profiles.format.AnalyticCosts;

/**
 * The analytic latency of an op on one (processor, dtype), from the profile's roofline parameters
 * (see {@link AnalyticCosts}):
 * <ul>
 *   <li>matrix-multiply kinds: {@code fixed + max(batch·max(m, minRows)·k·n / macRate,
 *       batch·(m·k + k·n + m·n)·bytes / bandwidth)};</li>
 *   <li>the other kinds: {@code fixed + 2·batch·m·n·bytes / bandwidth} (read and write every
 *       element once).</li>
 * </ul>
 * For fixed batch, k and n the latency never falls as m grows, and its elasticity
 * {@code d ln A / d ln m} never falls either (the fixed part weighs less, and of the two roofline
 * terms the faster-growing one wins); {@link RatioCorrectedCurve} relies on both. Immutable.
 */
final class Roofline {

    private final DType dtype;
    private final double matmulFixedNs;
    private final double macsPerNs;
    private final double matmulBytesPerNs;
    private final int minRows;
    private final double elementwiseFixedNs;
    private final double elementwiseBytesPerNs;

    Roofline(AnalyticCosts costs) {
        this.dtype = costs.dtype();
        this.matmulFixedNs = costs.matmul().fixedNs().value();
        this.macsPerNs = Units.perSecondToPerNs(costs.matmul().macsPerSecond().value());
        this.matmulBytesPerNs = Units.perSecondToPerNs(costs.matmul().bytesPerSecond().value());
        this.minRows = costs.matmul().minRows();
        this.elementwiseFixedNs = costs.elementwise().fixedNs().value();
        this.elementwiseBytesPerNs = Units.perSecondToPerNs(costs.elementwise().bytesPerSecond().value());
    }

    /** Latency in ns, finite and &gt; 0 for dimensions &ge; 1. */
    double latencyNs(OpKind kind, int batch, int m, int k, int n) {
        int bytes = dtype.bytes();
        if (kind.matmul()) {
            double computeNs = (double) batch * Math.max(m, minRows) * k * n / macsPerNs;
            double memoryNs = (double) batch * ((double) m * k + (double) k * n + (double) m * n) * bytes / matmulBytesPerNs;
            return matmulFixedNs + Math.max(computeNs, memoryNs);
        }
        return elementwiseFixedNs + 2.0 * batch * m * n * bytes / elementwiseBytesPerNs;
    }
}
