package org.hetsched.reports.sweep;

import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.load.Workload;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.bound.MakespanLowerBound;
import org.hetsched.scheduler.catalog.PolicyCatalog;

/** Runs policies over a resolved {@link Workload}. Stateless; safe to call from several threads at once. */
public final class Simulation {
    private Simulation() {
    }

    /**
     * Resolves the request and runs one policy.
     *
     * @throws org.hetsched.core.UserInputException if any name, file or value is wrong (nothing ran)
     */
    public static SimulationResult run(WorkloadRequest request, String policy, PolicyOptions options) {
        Policy instance = PolicyCatalog.create(policy, options); // an unknown policy fails before any work
        return run(Workload.resolve(request), instance);
    }

    /**
     * Runs {@code policy} on a workload already resolved, timing the policy's own calls, against the
     * workload's lower bounds: {@link #run(WorkloadRequest, String, PolicyOptions)} once the request is
     * resolved (for callers that resolve several requests before running any).
     */
    public static SimulationResult run(Workload workload, Policy policy) {
        return run(workload, policy, MakespanLowerBound.of(workload.costs(), pricing(workload)));
    }

    /** Runs {@code policy} on {@code workload}, timing the policy's own calls, and summarises against {@code bound}. */
    public static SimulationResult run(Workload workload, Policy policy, MakespanLowerBound bound) {
        return result(workload, trace(workload, policy), bound);
    }

    /** Runs {@code policy} on {@code workload}, timing the policy's own calls. */
    public static Trace trace(Workload workload, Policy policy) {
        return trace(workload, policy, true);
    }

    /**
     * Runs {@code policy} on {@code workload}.
     *
     * @param timePolicy time the policy's calls (a few clock reads per task; sweeps, which report
     *                   only deterministic numbers, leave it off)
     */
    public static Trace trace(Workload workload, Policy policy, boolean timePolicy) {
        return new Engine(workload.costs(), workload.engineOptions(timePolicy)).run(policy);
    }

    /**
     * What a run of {@code workload} charges beyond its costs (graph preparation, the engine
     * effects such as dispatch overhead), without the policy timing: what bounds and the exact
     * solver must price as the engine does.
     */
    public static EngineOptions pricing(Workload workload) {
        return workload.engineOptions(false);
    }

    /** Summarises a trace of {@code workload} against {@code bound}. */
    public static SimulationResult result(Workload workload, Trace trace, MakespanLowerBound bound) {
        return new SimulationResult(workload, trace, Metrics.of(trace, bound.bestNs()), bound);
    }
}
