package org.hetsched.profiles.cost;

import org.hetsched.core.graph.Op;
import org.hetsched.profiles.format.CostPoint;

/**
 * Prices the ops of one (processor, op kind, dtype). One implementation per pricing scheme:
 * {@link AnalyticCurve} when there is no measured point, {@link RatioCorrectedCurve} when there
 * are. Implementations are immutable and thread-safe.
 */
interface CostCurve {

    /** The op's latency and basis; the op has this curve's kind. Never {@code null}. */
    OpCost price(Op op);

    /**
     * The measured point whose latency {@link #price} returns as it is for {@code op} (the basis
     * is then {@link org.hetsched.core.platform.CostBasis#MEASURED}), or {@code null} when the op
     * is interpolated or priced analytically.
     */
    default CostPoint exactPoint(Op op) {
        return null;
    }
}
