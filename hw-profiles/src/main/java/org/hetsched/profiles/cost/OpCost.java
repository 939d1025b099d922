package org.hetsched.profiles.cost;

import org.hetsched.core.platform.CostBasis;

/**
 * The price of one op.
 *
 * @param latencyNs latency, ns, finite and &gt; 0
 * @param basis     how it was obtained
 */
record OpCost(double latencyNs, CostBasis basis) {

    OpCost {
        if (!(latencyNs > 0) || !Double.isFinite(latencyNs)) throw new IllegalStateException("op latency must be finite and > 0 ns, got " + latencyNs);
    }
}
