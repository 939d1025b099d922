package org.hetsched.scheduler.exact;

import java.util.List;
import java.util.Locale;
import org.hetsched.core.Units;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.platform.CostTable;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.plan.SchedulePlan;
import org.hetsched.scheduler.plan.StaticPlanner;

/**
 * The exact solver as a comparison uses it: run once per workload when the instance is small
 * enough, as a planner (so the {@code optimal} row's decision time includes the solve) that
 * remembers what it found, so the optimum and the {@code optimal} row come from one solve.
 * Single-threaded; one per comparison.
 */
public final class ExactSolver implements StaticPlanner {
    private final CpSatPlanner solver;
    private final int maxTasks;
    private OptimalResult last;

    /** A solver with {@code options}' time limit and task limit ({@link PolicyOptions#optimalMaxTasks()}). */
    public ExactSolver(PolicyOptions options) {
        this.solver = new CpSatPlanner(options);
        this.maxTasks = options.optimalMaxTasks();
    }

    @Override
    public String name() {
        return solver.name();
    }

    @Override
    public String description() {
        return solver.description();
    }

    @Override
    public SchedulePlan plan(CostTable costs) {
        return plan(costs, EngineOptions.DEFAULTS);
    }

    @Override
    public SchedulePlan plan(CostTable costs, EngineOptions options) {
        last = solver.solve(costs, options);
        return last.plan();
    }

    /** Whether the solver is given this instance at all. */
    public boolean accepts(CostTable costs) {
        return costs.graph().size() <= maxTasks;
    }

    /** What the last {@link #plan} found; solves now, for a run that charges {@code options}, if it has not run. */
    public Optimum optimum(CostTable costs, EngineOptions options) {
        if (!accepts(costs)) {
            return Optimum.skipped(costs.graph().size() + " tasks is more than --optimal-max-tasks " + maxTasks);
        }
        try {
            if (last == null) plan(costs, options);
        } catch (SolverUnavailableException e) {
            return Optimum.skipped(e.getMessage());
        }
        boolean exact = options.runDurations() == Effect.RunDurations.UNCHANGED;
        String note = last.proven() ? "" : "optimality not proven within the time limit";
        if (!exact) {
            List<String> lengthening = options.effects().stream().filter(e -> e.runDurations() != Effect.RunDurations.UNCHANGED)
                    .map(Effect::name).toList();
            String effects = String.join(", ", lengthening);
            note = String.format(Locale.ROOT, "CP-SAT prices durations without %s, which lengthens tasks in the simulation: %s"
                    + " is a lower bound here, not the simulation's optimum, and the '%s' row replays its plan with %s", effects,
                    last.proven() ? String.format(Locale.ROOT, "its proven optimum %.3f ms", Units.nsToMs(last.makespanNs()))
                            : String.format(Locale.ROOT, "optimality was not proven within the time limit; its bound %.3f ms",
                                    Units.nsToMs(last.boundNs())), name(), effects);
        }
        return new Optimum(true, last.proven(), last.makespanNs(), last.boundNs(), exact, note);
    }
}
