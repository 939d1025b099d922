package org.hetsched.profiles.cost;

import org.hetsched.core.graph.Op;
import org.hetsched.core.platform.CostBasis;

/** Prices every op by the roofline alone; the basis is always {@link CostBasis#ANALYTIC}. */
final class AnalyticCurve implements CostCurve {
    private final Roofline roofline;

    AnalyticCurve(Roofline roofline) {
        this.roofline = roofline;
    }

    @Override
    public OpCost price(Op op) {
        return new OpCost(roofline.latencyNs(op.kind(), op.batch(), op.m(), op.k(), op.n()), CostBasis.ANALYTIC);
    }
}
