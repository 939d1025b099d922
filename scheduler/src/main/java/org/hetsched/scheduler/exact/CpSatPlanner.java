package org.hetsched.scheduler.exact;

import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.hetsched.core.Units;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.bound.MakespanLowerBound;
import org.hetsched.scheduler.plan.CpopPlanner;
import org.hetsched.scheduler.plan.HeftPlanner;
import org.hetsched.scheduler.plan.PeftPlanner;
import org.hetsched.scheduler.plan.PlannedPolicy;
import org.hetsched.scheduler.plan.SchedulePlan;
import org.hetsched.scheduler.plan.StaticPlanner;

/**
 * The minimum makespan, by constraint programming: OR-Tools' CP-SAT solver on the model of
 * {@link CpSatModel} (processor choice, no overlap per processor, precedence with cross costs that
 * depend on both processors, the K/V rule's implied edges materialised). For small graphs only.
 *
 * <p>How a solve runs: the shortest of the HEFT, PEFT and CPOP schedules is the incumbent; if it
 * already meets {@link MakespanLowerBound} it is optimal and the solver is not called. Otherwise it
 * bounds the horizon and is given to CP-SAT as a hint, and the solver improves on it until it
 * proves optimality or the time limit ends the search. If the solver finds nothing better in time,
 * the result is the incumbent with the best bound known, not proven.
 *
 * <p>Determinism: one search worker with a fixed seed (from {@link PolicyOptions#seed()}), no LP
 * relaxation, and the time limit applied as CP-SAT's <em>deterministic</em> time (a count of work),
 * so the same instance gives the same result on any machine, however loaded, and sharded sweeps
 * merge into identical results. With CP-SAT 9.11's default LP relaxation even a single worker
 * returned a different optimal schedule from run to run (single-worker non-determinism is also
 * reported upstream, google/or-tools#3948), so it is off: proofs took about 5× longer on 40-task
 * prefills and were faster on the random 10–20-task graphs of the tests. Deterministic time is
 * not wall-clock time: on the 2-core test machine one deterministic second of this model took
 * about 7–9 s. A wall-clock guard of {@value #WALL_CLOCK_FACTOR}× the limit, and at least
 * {@value #MIN_WALL_CLOCK_GUARD_S} s (short budgets on a loaded machine would otherwise trip it),
 * stops pathological searches; only when it fires can the result depend on the machine.
 *
 * <p>Time units: the model is in ns when the incumbent's makespan is at most {@value #MAX_DIRECT_NS} ns
 * (about 18 minutes: every realistic prefill); beyond, times are counted in units of
 * ⌈makespan / {@value #MAX_DIRECT_NS}⌉ ns with costs rounded up, solutions stay feasible, and the
 * bound reported is {@link MakespanLowerBound}'s (the rounded model's bound is not one for ns).
 *
 * <p>Refusal: a graph with more tasks than the limit throws {@link InstanceTooLargeException}
 * before any work. The native library is loaded once per JVM; where it cannot be,
 * {@link SolverUnavailableException}. Instances hold only their settings; {@link #solve} may run on
 * several threads at once.
 */
public final class CpSatPlanner implements StaticPlanner {
    /** Largest incumbent makespan solved in ns directly. */
    public static final long MAX_DIRECT_NS = 1L << 40;
    /** The wall-clock guard, as a multiple of the deterministic time limit. */
    static final int WALL_CLOCK_FACTOR = 20;
    /** The least wall-clock guard, in seconds. */
    static final int MIN_WALL_CLOCK_GUARD_S = 60;

    private final Duration timeLimit;
    private final int maxTasks;
    private final long seed;

    /** With the options' solver time limit, task limit and seed. */
    public CpSatPlanner(PolicyOptions options) {
        this(options.optimalTimeLimit(), options.optimalMaxTasks(), options.seed());
    }

    /**
     * @param timeLimit the solver's budget in CP-SAT deterministic time (see the class comment); &gt; 0
     * @param maxTasks  larger graphs are refused; &gt; 0
     * @param seed      the solver's random seed
     * @throws IllegalArgumentException if a limit is not positive
     */
    public CpSatPlanner(Duration timeLimit, int maxTasks, long seed) {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("solver time limit must be > 0, got " + timeLimit);
        }
        if (maxTasks <= 0) throw new IllegalArgumentException("task limit must be > 0, got " + maxTasks);
        this.timeLimit = timeLimit;
        this.maxTasks = maxTasks;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "optimal";
    }

    @Override
    public String description() {
        return "exact minimum makespan by constraint programming (OR-Tools CP-SAT), for small graphs";
    }

    /**
     * {@inheritDoc}
     *
     * <p>The plan of {@link #solve}; the bound and whether it is proven are dropped.
     */
    @Override
    public SchedulePlan plan(CostTable costs) {
        return solve(costs).plan();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The plan of {@link #solve(CostTable, EngineOptions)}.
     */
    @Override
    public SchedulePlan plan(CostTable costs, EngineOptions options) {
        return solve(costs, options).plan();
    }

    /**
     * Solves {@code costs} to optimality, or as far as the time limit allows.
     *
     * @throws InstanceTooLargeException  if the graph has more tasks than the limit
     * @throws SolverUnavailableException if OR-Tools' native library does not load here
     */
    public OptimalResult solve(CostTable costs) {
        return solve(costs, EngineOptions.DEFAULTS);
    }

    /**
     * Solves {@code unpriced} for a run that charges what {@code options} switch on (graph
     * preparation, as the engine charges it; its effects' schedule-independent durations, through
     * {@link EngineOptions#pricedCosts}), to optimality or as far as the time limit allows. The
     * optimum is the engine's only for effects whose per-run part changes no duration
     * ({@link Effect#runDurations()}). Effects that lengthen tasks per run (contention) are left out
     * of the whole solve, incumbent included: the result is the optimum of the priced table, which
     * every run with them ends no earlier than (a lower bound on the run), and replaying its plan with
     * them may end later than its {@code makespanNs}.
     *
     * @throws InstanceTooLargeException  if the graph has more tasks than the limit
     * @throws SolverUnavailableException if OR-Tools' native library does not load here
     * @throws IllegalArgumentException   if an effect may shorten tasks per run: nothing the solver
     *                                    finds would bound the run then
     */
    public OptimalResult solve(CostTable unpriced, EngineOptions options) {
        if (options.runDurations() == Effect.RunDurations.CHANGED) {
            throw new IllegalArgumentException("the exact solver cannot price " + options.effects() + ": an effect may shorten tasks");
        }
        // the model, the incumbent and the bound all read one table, priced as the engine prices it
        // without the per-run lengthening (which no constraint model of fixed durations can price)
        CostTable costs = options.pricedCosts(unpriced);
        EngineOptions pricing = new EngineOptions(options.includeGraphPreparation(), false, options.effects()).withoutRunDurationChanges();
        boolean prep = pricing.includeGraphPreparation();
        TaskGraph graph = costs.graph();
        if (graph.size() > maxTasks) throw new InstanceTooLargeException(graph.name(), graph.size(), maxTasks);
        OrTools.load();
        int processors = costs.platform().size();
        Trace best = incumbent(costs, pricing);
        int[] bestProcessor = new int[graph.size()];
        long[] bestStart = new long[graph.size()];
        long[] bestEnd = new long[graph.size()];
        for (int t = 0; t < graph.size(); t++) {
            bestProcessor[t] = best.processorOf(t);
            bestStart[t] = best.startNs(t);
            bestEnd[t] = best.endNs(t);
        }
        SchedulePlan bestPlan = SchedulePlan.fromSchedule(processors, bestProcessor, bestStart, bestEnd);
        long lower = MakespanLowerBound.of(costs, pricing).bestNs();
        if (best.makespanNs() <= lower) return new OptimalResult(bestPlan, best.makespanNs(), best.makespanNs(), true);

        long unit = best.makespanNs() <= MAX_DIRECT_NS ? 1 : (best.makespanNs() + MAX_DIRECT_NS - 1) / MAX_DIRECT_NS;
        Dependencies deps = Dependencies.of(costs);
        long[] hintStart = new long[graph.size()];
        long hintMakespan = retime(costs, deps, unit, bestProcessor, bestPlan, hintStart, prep);
        CpSatModel model = new CpSatModel(costs, deps, unit, hintMakespan, lower / unit, prep);
        model.hint(bestProcessor, hintStart, hintMakespan);

        CpSolver solver = new CpSolver();
        double seconds = Units.nsToSeconds(timeLimit.toNanos());
        solver.getParameters()
                .setNumWorkers(1)
                .setRandomSeed((int) (seed ^ (seed >>> 32)))
                .setMaxDeterministicTime(seconds)
                .setMaxTimeInSeconds(Math.max(seconds * WALL_CLOCK_FACTOR, MIN_WALL_CLOCK_GUARD_S))
                // the LP relaxation made single-worker runs pick different optima from run to run (9.11)
                .setLinearizationLevel(0)
                .setLogSearchProgress(false);
        CpSolverStatus status = solver.solve(model.model);
        if (status == CpSolverStatus.MODEL_INVALID || status == CpSolverStatus.INFEASIBLE) {
            // the incumbent satisfies the model, so either answer is a bug in the model
            throw new IllegalStateException("CP-SAT answered " + status + " for " + graph.name() + ": " + model.model.validate());
        }
        long bound = lower;
        if (unit == 1 && status != CpSolverStatus.UNKNOWN) {
            bound = Math.max(bound, (long) Math.ceil(solver.bestObjectiveBound()));
        }
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return result(bestPlan, best.makespanNs(), bound);
        }
        int[] processorOf = new int[graph.size()];
        long[] start = new long[graph.size()];
        long[] end = new long[graph.size()];
        for (int t = 0; t < graph.size(); t++) {
            processorOf[t] = model.processorOf(solver, t);
            start[t] = model.startUnits(solver, t) * unit;
            end[t] = model.endUnits(solver, t) * unit;
        }
        long makespan = model.makespanUnits(solver) * unit;
        // with costs rounded up to units, the incumbent's true makespan can be the shorter one
        if (makespan > best.makespanNs()) return result(bestPlan, best.makespanNs(), bound);
        return result(SchedulePlan.fromSchedule(processors, processorOf, start, end), makespan, bound);
    }

    /** The shortest of the list schedulers' replayed schedules (ties to the earlier of HEFT, PEFT, CPOP). */
    private static Trace incumbent(CostTable costs, EngineOptions pricing) {
        Trace best = null;
        for (StaticPlanner heuristic : List.of(new HeftPlanner(), new PeftPlanner(), new CpopPlanner())) {
            Trace trace = new Engine(costs, pricing).run(new PlannedPolicy(heuristic));
            if (best == null || trace.makespanNs() < best.makespanNs()) best = trace;
        }
        return best;
    }

    private static OptimalResult result(SchedulePlan plan, long makespanNs, long boundNs) {
        long bound = Math.min(boundNs, makespanNs);
        return new OptimalResult(plan, makespanNs, bound, bound == makespanNs);
    }

    /**
     * Re-times a schedule's assignment and processor orders in units (costs rounded up), each task
     * as early as its processor and its dependencies allow, the first task of each static graph on a
     * processor also preparing it when {@code graphPreparation}: a schedule feasible in the model.
     *
     * @return its makespan in units; {@code startUnits} receives the starts
     */
    private static long retime(CostTable costs, Dependencies deps, long unit, int[] processorOf, SchedulePlan plan,
                               long[] startUnits, boolean graphPreparation) {
        int n = costs.graph().size();
        boolean[] prepared = new boolean[costs.graph().staticGraphCount() * costs.platform().size()];
        int[][] incoming = deps.byConsumer(n);
        long[] endUnits = new long[n];
        long[] free = new long[costs.platform().size()];
        int[] next = new int[free.length];
        int[][] order = new int[free.length][];
        for (int p = 0; p < free.length; p++) order[p] = plan.order(p);
        boolean[] done = new boolean[n];
        // walk the processor orders together: a task goes once its dependencies are timed
        for (int placed = 0; placed < n; ) {
            boolean progress = false;
            for (int p = 0; p < free.length; p++) {
                while (next[p] < order[p].length && ready(order[p][next[p]], incoming, deps, done)) {
                    int t = order[p][next[p]++];
                    long at = free[p];
                    for (int d : incoming[t]) {
                        int u = deps.from(d);
                        at = Math.max(at, endUnits[u] + ceil(deps.crossNs(d, processorOf[u], p), unit));
                    }
                    startUnits[t] = at;
                    endUnits[t] = at + ceil(costs.durationNs(t, p), unit);
                    int graphKey = costs.graph().task(t).staticGraph() * free.length + p;
                    if (graphPreparation && !prepared[graphKey]) {
                        prepared[graphKey] = true;
                        endUnits[t] += ceil(costs.graphPreparationNs(costs.graph().task(t).staticGraph(), p), unit);
                    }
                    free[p] = endUnits[t];
                    done[t] = true;
                    placed++;
                    progress = true;
                }
            }
            if (!progress) throw new IllegalStateException("the incumbent's processor orders deadlock: " + Arrays.toString(next));
        }
        return Arrays.stream(endUnits).max().orElse(0);
    }

    private static boolean ready(int task, int[][] incoming, Dependencies deps, boolean[] done) {
        for (int d : incoming[task]) {
            if (!done[deps.from(d)]) return false;
        }
        return true;
    }

    private static long ceil(long ns, long unit) {
        return (ns + unit - 1) / unit;
    }
}
