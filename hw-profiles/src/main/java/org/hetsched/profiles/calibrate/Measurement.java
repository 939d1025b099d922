package org.hetsched.profiles.calibrate;

import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;

/**
 * The measured latency of one op shape on one lane.
 *
 * @param processor lane id (the id of a processor of the measured backend's platform)
 * @param kind      op kind
 * @param dtype     dtype the lane's placement selects for it
 * @param batch     batch (heads for attention)
 * @param m         rows
 * @param k         inner dimension (1 for element-wise ops)
 * @param n         columns
 * @param summary   robust statistics of the timed runs
 * @param runs      timed runs taken
 */
public record Measurement(int processor, OpKind kind, DType dtype, int batch, int m, int k, int n,
                          RobustStats.Summary summary, int runs) {
    public Measurement {
        if (batch < 1 || m < 1 || k < 1 || n < 1 || runs < 1) {
            throw new IllegalArgumentException("bad measurement of " + kind + "/" + dtype + " " + batch + "x" + m + "x" + k + "x" + n
                    + " over " + runs + " runs");
        }
    }

    /** Work the cost curves are fitted over: MACs for matrix-multiply kinds, elements otherwise. */
    public long work() {
        return kind.matmul() ? (long) batch * m * k * n : (long) batch * m * n;
    }
}
