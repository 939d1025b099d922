package org.hetsched.scheduler.bound;

import org.hetsched.core.platform.CostTable;

/**
 * The best of the available lower bounds.
 *
 * @param criticalPathNs {@link CriticalPathLowerBound}
 * @param forcedLoadNs   {@link ForcedLoadLowerBound}
 */
public record MakespanLowerBound(long criticalPathNs, long forcedLoadNs) {

    public static MakespanLowerBound of(CostTable costs) {
        return new MakespanLowerBound(CriticalPathLowerBound.of(costs), ForcedLoadLowerBound.of(costs));
    }

    /** The larger, hence tighter, of the bounds. */
    public long bestNs() {
        return Math.max(criticalPathNs, forcedLoadNs);
    }
}
