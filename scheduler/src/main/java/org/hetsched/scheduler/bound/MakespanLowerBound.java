package org.hetsched.scheduler.bound;

import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.platform.CostTable;

/**
 * The best of the available lower bounds.
 *
 * @param criticalPathNs {@link CriticalPathLowerBound}
 * @param forcedLoadNs   {@link ForcedLoadLowerBound}
 * @param solverNs       the bound an exact solver proved (0 when none ran)
 */
public record MakespanLowerBound(long criticalPathNs, long forcedLoadNs, long solverNs) {

    /** The bounds of a run without graph preparation. */
    public static MakespanLowerBound of(CostTable costs) {
        return of(costs, EngineOptions.DEFAULTS);
    }

    /** The bounds of a run that charges what {@code options} switch on, as the engine does. */
    public static MakespanLowerBound of(CostTable costs, EngineOptions options) {
        return new MakespanLowerBound(CriticalPathLowerBound.of(costs, options), ForcedLoadLowerBound.of(costs, options), 0);
    }

    /** This bound tightened by a solver's proven bound. */
    public MakespanLowerBound withSolverBound(long boundNs) {
        return new MakespanLowerBound(criticalPathNs, forcedLoadNs, Math.max(solverNs, boundNs));
    }

    /** Which bound is the tightest: "solver", "critical path" or "forced load" (ties in that order). */
    public String basis() {
        if (solverNs > 0 && solverNs >= criticalPathNs && solverNs >= forcedLoadNs) return "solver";
        return criticalPathNs >= forcedLoadNs ? "critical path" : "forced load";
    }

    /** The largest, hence tightest, of the bounds. */
    public long bestNs() {
        return Math.max(Math.max(criticalPathNs, forcedLoadNs), solverNs);
    }
}
