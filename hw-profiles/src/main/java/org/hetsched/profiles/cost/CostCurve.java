package org.hetsched.profiles.cost;

import org.hetsched.core.graph.Op;

/**
 * Prices the ops of one (processor, op kind, dtype). One implementation per pricing scheme:
 * {@link AnalyticCurve} when there is no measured point, {@link RatioCorrectedCurve} when there
 * are. Implementations are immutable and thread-safe.
 */
interface CostCurve {

    /** The op's latency and basis; the op has this curve's kind. Never {@code null}. */
    OpCost price(Op op);
}
