package org.hetsched.scheduler.bound;

import org.hetsched.core.platform.CostTable;

/**
 * The best of the available lower bounds.
 *
 * @param criticalPathNs {@link CriticalPathLowerBound}
 * @param forcedLoadNs   {@link ForcedLoadLowerBound}
 * @param solverNs       the bound an exact solver proved (0 when none ran)
 */
public record MakespanLowerBound(long criticalPathNs, long forcedLoadNs, long solverNs) {

    public static MakespanLowerBound of(CostTable costs) {
        return new MakespanLowerBound(CriticalPathLowerBound.of(costs), ForcedLoadLowerBound.of(costs), 0);
    }

    /** This bound tightened by a solver's proven bound. */
    public MakespanLowerBound withSolverBound(long boundNs) {
        return new MakespanLowerBound(criticalPathNs, forcedLoadNs, Math.max(solverNs, boundNs));
    }

    /** The largest, hence tightest, of the bounds. */
    public long bestNs() {
        return Math.max(Math.max(criticalPathNs, forcedLoadNs), solverNs);
    }
}
