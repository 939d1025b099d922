package org.hetsched.scheduler.bound;

import org.hetsched.core.engine.Effect;
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

    /**
     * The bounds of a run that charges what {@code options} switch on, as the engine does: the
     * table is priced by the options' effects first ({@link EngineOptions#pricedCosts}), so a
     * schedule-independent effect such as a dispatch overhead is in the bound. Valid for effects
     * that change durations only that way or only ever lengthen them (contention; see
     * {@link org.hetsched.core.engine.Effect#runDurations()}).
     *
     * @throws IllegalArgumentException if an effect may shorten tasks per run, so that no bound holds
     */
    public static MakespanLowerBound of(CostTable costs, EngineOptions options) {
        if (options.runDurations() == Effect.RunDurations.CHANGED) {
            throw new IllegalArgumentException("no lower bound holds under " + options.effects() + ": an effect may shorten tasks");
        }
        CostTable priced = options.pricedCosts(costs);
        return new MakespanLowerBound(CriticalPathLowerBound.of(priced, options), ForcedLoadLowerBound.of(priced, options), 0);
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
