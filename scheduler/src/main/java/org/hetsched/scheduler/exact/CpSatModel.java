package org.hetsched.scheduler.exact;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.IntervalVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.platform.CostTable;

/**
 * The CP-SAT model of minimum-makespan scheduling with processor choice and cross costs:
 * <ul>
 *   <li>per task a start, an end, and one Boolean per eligible processor, exactly one true; an
 *       optional fixed-size interval per (task, eligible processor), present when chosen, and
 *       end = start + Σ duration · chosen;</li>
 *   <li>per processor, NoOverlap over its intervals; and since CP-SAT lets a zero-size interval sit
 *       inside another while the engine never starts a task on a busy processor, a zero-duration
 *       task is also kept out of the inside of every other task chosen for the same processor;</li>
 *   <li>per dependency (explicit or implied by the K/V rule) start(v) ≥ end(u), and for every
 *       pair of distinct processors (p, q) with a positive cross cost c:
 *       u on p ∧ v on q ⇒ start(v) ≥ end(u) + c;</li>
 *   <li>makespan ≥ every end, and ≥ each processor's load (a redundant cut that tightens the bound);
 *       minimise the makespan;</li>
 *   <li>with graph preparation charged, as the engine charges it (the first task of a static graph
 *       to start on a processor runs for its duration plus the graph's preparation there): per
 *       (task, processor) with a positive preparation a Boolean "first", which implies the choice of
 *       that processor and lengthens the task's interval by the preparation; per (static graph,
 *       processor) exactly one first among its tasks chosen there when any is, and a first task
 *       starts no later than every other task of its graph on that processor.</li>
 * </ul>
 * Times are in units of {@code unit} ns, durations and cross costs rounded up, so every solution
 * is feasible in ns (exact when {@code unit} is 1).
 *
 * <p>O(tasks · processors + dependencies · processors²) constraints. Single-threaded.
 */
final class CpSatModel {
    final CpModel model = new CpModel();
    private final CostTable costs;
    private final long unit;
    private final int tasks;
    private final int processors;
    private final IntVar[] start;
    private final IntVar[] end;
    private final BoolVar[][] on;
    /** Whether the task is the first of its static graph on the processor; null where no preparation is charged. */
    private final BoolVar[][] first;
    private final IntVar makespan;

    /**
     * @param horizonUnits an upper bound on the optimal makespan (a known schedule's), in units
     * @param lowerUnits   a lower bound on it, in units
     */
    CpSatModel(CostTable costs, Dependencies deps, long unit, long horizonUnits, long lowerUnits, boolean graphPreparation) {
        this.costs = costs;
        this.unit = unit;
        this.tasks = costs.graph().size();
        this.processors = costs.platform().size();
        start = new IntVar[tasks];
        end = new IntVar[tasks];
        on = new BoolVar[tasks][processors];
        first = new BoolVar[tasks][processors];
        makespan = model.newIntVar(lowerUnits, horizonUnits, "makespan");
        List<List<IntervalVar>> intervals = new ArrayList<>();
        List<LinearExprBuilder> loads = new ArrayList<>();
        for (int p = 0; p < processors; p++) {
            intervals.add(new ArrayList<>());
            loads.add(LinearExpr.newBuilder());
        }
        for (int t = 0; t < tasks; t++) {
            start[t] = model.newIntVar(0, horizonUnits, "start" + t);
            end[t] = model.newIntVar(0, horizonUnits, "end" + t);
            LinearExprBuilder finish = LinearExpr.newBuilder().add(start[t]);
            List<Literal> choices = new ArrayList<>();
            for (int mask = costs.eligibleMask(t); mask != 0; mask &= mask - 1) {
                int p = Integer.numberOfTrailingZeros(mask);
                long d = units(costs.durationNs(t, p));
                long prep = graphPreparation ? units(costs.graphPreparationNs(costs.graph().task(t).staticGraph(), p)) : 0;
                on[t][p] = model.newBoolVar("task" + t + "on" + p);
                if (prep == 0) {
                    intervals.get(p).add(model.newOptionalFixedSizeIntervalVar(start[t], d, on[t][p], "run" + t + "on" + p));
                } else {
                    first[t][p] = model.newBoolVar("task" + t + "prepares" + p);
                    model.addImplication(first[t][p], on[t][p]);
                    LinearExpr size = LinearExpr.affine(first[t][p], prep, d);
                    // CP-SAT takes an interval end of at most one variable. The equality holds only where the
                    // task runs: elsewhere start + d may pass the horizon (a processor far slower for it)
                    IntVar stop = model.newIntVar(0, horizonUnits, "stop" + t + "on" + p);
                    model.addEquality(stop, LinearExpr.newBuilder().add(start[t]).addTerm(first[t][p], prep).add(d))
                            .onlyEnforceIf(on[t][p]);
                    intervals.get(p).add(model.newOptionalIntervalVar(start[t], size, stop, on[t][p], "run" + t + "on" + p));
                    finish.addTerm(first[t][p], prep);
                    loads.get(p).addTerm(first[t][p], prep);
                }
                finish.addTerm(on[t][p], d);
                loads.get(p).addTerm(on[t][p], d);
                choices.add(on[t][p]);
            }
            model.addExactlyOne(choices);
            model.addEquality(end[t], finish);
            model.addLessOrEqual(end[t], makespan);
        }
        for (int p = 0; p < processors; p++) {
            model.addNoOverlap(intervals.get(p));
            model.addLessOrEqual(loads.get(p), makespan);
        }
        if (graphPreparation) firstOfEachGraphPrepares();
        keepZeroDurationsOutsideOthers();
        for (int d = 0; d < deps.size(); d++) {
            int u = deps.from(d);
            int v = deps.to(d);
            model.addGreaterOrEqual(start[v], end[u]);
            for (int p = 0; p < processors; p++) {
                if (on[u][p] == null) continue;
                for (int q = 0; q < processors; q++) {
                    if (on[v][q] == null || p == q) continue;
                    long c = units(deps.crossNs(d, p, q));
                    if (c == 0) continue;
                    model.addGreaterOrEqual(start[v], LinearExpr.affine(end[u], 1, c))
                            .onlyEnforceIf(new Literal[] {on[u][p], on[v][q]});
                }
            }
        }
        model.minimize(makespan);
    }

    /** Per (static graph, processor): one first task when any task of the graph runs there, and it starts first. */
    private void firstOfEachGraphPrepares() {
        List<List<Integer>> members = new ArrayList<>();
        for (int s = 0; s < costs.graph().staticGraphCount(); s++) members.add(new ArrayList<>());
        for (int t = 0; t < tasks; t++) members.get(costs.graph().task(t).staticGraph()).add(t);
        for (List<Integer> graphTasks : members) {
            for (int p = 0; p < processors; p++) {
                List<Literal> firsts = new ArrayList<>();
                for (int t : graphTasks) if (first[t][p] != null) firsts.add(first[t][p]);
                if (firsts.isEmpty()) continue;
                model.addAtMostOne(firsts);
                for (int t : graphTasks) {
                    if (first[t][p] == null) continue;
                    // chosen here ⇒ some task of the graph prepares it here
                    model.addBoolOr(firsts).onlyEnforceIf(on[t][p]);
                    for (int u : graphTasks) {
                        if (u == t || first[u][p] == null) continue;
                        model.addGreaterOrEqual(start[u], start[t]).onlyEnforceIf(new Literal[] {first[t][p], on[u][p]});
                    }
                }
            }
        }
    }

    private void keepZeroDurationsOutsideOthers() {
        for (int z = 0; z < tasks; z++) {
            for (int p = 0; p < processors; p++) {
                if (on[z][p] == null || costs.durationNs(z, p) != 0) continue;
                for (int u = 0; u < tasks; u++) {
                    // a zero-duration task that prepares its graph has a positive interval, which NoOverlap keeps apart
                    if (u == z || on[u][p] == null || (costs.durationNs(u, p) == 0 && first[u][p] == null)) continue;
                    BoolVar before = model.newBoolVar("task" + z + "before" + u + "on" + p);
                    model.addLessOrEqual(start[z], start[u]).onlyEnforceIf(new Literal[] {before, on[z][p], on[u][p]});
                    model.addGreaterOrEqual(start[z], end[u]).onlyEnforceIf(new Literal[] {before.not(), on[z][p], on[u][p]});
                }
            }
        }
    }

    /** Suggests a known schedule (times in units) as the solver's starting point. */
    void hint(int[] processorOf, long[] startUnits, long makespanUnits) {
        for (int t = 0; t < tasks; t++) {
            model.addHint(start[t], startUnits[t]);
            for (int p = 0; p < processors; p++) {
                if (on[t][p] != null) model.addHint(on[t][p], processorOf[t] == p ? 1 : 0);
            }
        }
        model.addHint(makespan, makespanUnits);
    }

    /** Rounds a cost up to whole units, so that a schedule in units stays feasible in ns. */
    long units(long ns) {
        return (ns + unit - 1) / unit;
    }

    int processorOf(CpSolver solver, int task) {
        for (int p = 0; p < processors; p++) {
            if (on[task][p] != null && solver.booleanValue(on[task][p])) return p;
        }
        throw new IllegalStateException("the solution puts task " + task + " on no processor");
    }

    long startUnits(CpSolver solver, int task) {
        return solver.value(start[task]);
    }

    long endUnits(CpSolver solver, int task) {
        return solver.value(end[task]);
    }

    long makespanUnits(CpSolver solver) {
        return solver.value(makespan);
    }
}
