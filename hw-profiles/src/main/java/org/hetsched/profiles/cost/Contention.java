package org.hetsched.profiles.cost;

import java.util.Arrays;
import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.engine.EffectView;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.profiles.format.ContentionSlowdown;
import org.hetsched.profiles.format.DeviceProfile;

/**
 * Shared-memory contention: processors of one SoC share DRAM bandwidth and caches, so a task runs
 * slower while another processor is busy. The slowdowns are the profile's {@code contention}
 * entries ({@link ContentionSlowdown}); the effect is registered only when the profile has some.
 *
 * <p>Model (progress rate). A task's work is its duration as it starts (the priced duration, plus
 * graph preparation when the run charges it), counted in uncontended ns. While the set A of the
 * other busy processors is unchanged, a task on processor v progresses at the constant rate
 * {@code 1 / (1 + Σ_{a ∈ A} s(v, a))}, where {@code s(v, a) ≥ 0} is the slowdown of v's task caused
 * by a's task: the entry for (v, a) that matches the two tasks' subgraph roles most specifically
 * (both roles, then the victim's, then the aggressor's, then neither; no entry: 0). At every start
 * and finish the effect takes the work each affected task did since the last change (elapsed time
 * × its old rate) off its remaining work and moves its end to now + remaining / new rate
 * ({@link EffectView#setEndNs}); a starting task's duration is its work / its rate. An idle
 * processor interferes with nothing, and a task is never slowed by its own processor.
 *
 * <p>Exactness: between events the co-running set is constant, so the model is solved exactly,
 * event by event, not sampled. The one approximation is the engine's clock: each end is rounded to
 * the nearest ns, so a task's work integrates to its duration within half a ns over its interval
 * and the processors it overlaps as the trace shows them. Rates are products of doubles; the sum for
 * a task is updated by the changing processor's term (O(1) per affected task) and reset to exactly
 * 0 when no other processor is busy, so rounding cannot pile up across idle periods.
 *
 * <p>What it does not model: bandwidth saturation (the slowdowns add, so three processors slow each
 * other more than two, without a ceiling), contention that depends on how memory-bound the phase of
 * a task is (a task is one uniform piece of work; the role refinement is the one handle on it), sync
 * and transfer slowdowns, and slowdowns of a processor by itself. The numbers are only as good as the
 * profile's sources.
 *
 * <p>Bounds and the exact optimum: it only lengthens tasks ({@link RunDurations#LENGTHENED}), so
 * every lower bound stays one; the exact solver, which prices uncontended durations, then gives a
 * lower bound and a plan, not the optimum of the simulation. Registered last among the effects that
 * change durations, so its work is the duration every other effect left.
 *
 * <p>Cost: O(processors) per start and finish and no allocation per event; O(processors² · roles²)
 * memory for the slowdown table. An instance is immutable and may be shared; each run's state is in
 * its listener.
 */
public final class Contention implements Effect {
    /** The name it is registered by. */
    public static final String NAME = "contention";

    private static final int ROLES = SubgraphRole.values().length;

    private final String device;
    private final String[] processorNames;
    private final int entries;
    /** s(v, a) for victim role rv and aggressor role ra, at {@code ((v · P + a) · R + rv) · R + ra}; 0 where none applies. */
    private final double[] slowdown;

    /**
     * The slowdowns of {@code profile}'s {@code contention} entries.
     *
     * @throws IllegalArgumentException if two entries are for the same processors and roles
     */
    public Contention(DeviceProfile profile) {
        this.device = profile.name();
        int procs = profile.processors().size();
        this.processorNames = new String[procs];
        for (int p = 0; p < procs; p++) processorNames[p] = profile.processors().get(p).name();
        this.entries = profile.contention().size();
        this.slowdown = new double[procs * procs * ROLES * ROLES];
        for (int v = 0; v < procs; v++) {
            for (int a = 0; a < procs; a++) {
                if (a == v) continue;
                for (SubgraphRole rv : SubgraphRole.values()) {
                    for (SubgraphRole ra : SubgraphRole.values()) {
                        ContentionSlowdown best = mostSpecific(profile, processorNames[v], processorNames[a], rv, ra);
                        if (best != null) slowdown[index(v, a, rv.ordinal(), ra.ordinal())] = best.slowdown().value();
                    }
                }
            }
        }
    }

    /** Whether {@code profile} has contention entries (otherwise this effect would change nothing). */
    public static boolean applies(DeviceProfile profile) {
        return !profile.contention().isEmpty();
    }

    private static ContentionSlowdown mostSpecific(DeviceProfile profile, String victim, String aggressor, SubgraphRole victimRole,
                                                   SubgraphRole aggressorRole) {
        ContentionSlowdown best = null;
        for (ContentionSlowdown c : profile.contention()) {
            if (!c.victim().equals(victim) || !c.aggressor().equals(aggressor) || !c.matches(victimRole, aggressorRole)) continue;
            if (best != null && c.specificity() == best.specificity()) {
                // equal specificity and both matching means equal roles: a duplicate, which the validator refuses
                throw new IllegalArgumentException("device " + profile.name() + " has two contention entries for victim " + victim
                        + " and aggressor " + aggressor + " with the same roles");
            }
            if (best == null || c.specificity() > best.specificity()) best = c;
        }
        return best;
    }

    private int index(int victim, int aggressor, int victimRole, int aggressorRole) {
        return ((victim * processorNames.length + aggressor) * ROLES + victimRole) * ROLES + aggressorRole;
    }

    /**
     * The slowdown of a task of {@code victimRole} on processor id {@code victim} while processor id
     * {@code aggressor} runs a task of {@code aggressorRole}: the most specific matching entry's, or
     * 0 where none matches and when the two processors are the same.
     */
    public double slowdown(int victim, SubgraphRole victimRole, int aggressor, SubgraphRole aggressorRole) {
        return slowdown[index(victim, aggressor, victimRole.ordinal(), aggressorRole.ordinal())];
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "shared-memory contention from device " + device + "'s profile (" + entries + " slowdown entr"
                + (entries == 1 ? "y" : "ies") + "; a task progresses at 1 / (1 + the sum over the other busy processors)";
    }

    @Override
    public RunDurations runDurations() {
        return RunDurations.LENGTHENED;
    }

    /** @throws IllegalArgumentException if {@code costs}' processors are not the profile's, in its order */
    @Override
    public Listener begin(CostTable costs) {
        int procs = processorNames.length;
        boolean same = costs.platform().size() == procs;
        for (int p = 0; same && p < procs; p++) same = costs.platform().processor(p).name().equals(processorNames[p]);
        if (!same) {
            throw new IllegalArgumentException("device " + device + " has processors " + String.join(", ", processorNames)
                    + ", the run " + costs.platform().processors().stream().map(p -> p.name()).toList());
        }
        return new Run(costs.graph());
    }

    /** One run's co-running state, per processor id. Single-threaded. */
    private final class Run implements Listener {
        private final TaskGraph graph;
        private final int procs = processorNames.length;
        /** The task running on each processor, or -1. */
        private final int[] running = new int[procs];
        private final int[] role = new int[procs];
        /** Work left at {@link #sinceNs}, in uncontended ns. */
        private final double[] remainingNs = new double[procs];
        private final long[] sinceNs = new long[procs];
        /** 1 + the sum of the slowdowns acting on the processor's task now: its time per unit of work. */
        private final double[] factor = new double[procs];
        /** Other processors busy now, to reset {@link #factor} to exactly 1 when none is. */
        private final int[] busyOthers = new int[procs];

        Run(TaskGraph graph) {
            this.graph = graph;
            Arrays.fill(running, -1);
        }

        @Override
        public long onStart(int task, int processor, long durationNs, EffectView run) {
            long now = run.nowNs();
            int taskRole = graph.task(task).subgraph().role().ordinal();
            double sum = 0;
            int others = 0;
            for (int a = 0; a < procs; a++) {
                if (a == processor || running[a] < 0) continue;
                others++;
                sum += slowdown[index(processor, a, taskRole, role[a])];
                busyOthers[a]++;
                double hit = slowdown[index(a, processor, role[a], taskRole)];
                if (hit != 0) retime(a, factor[a] + hit, now, run);
            }
            running[processor] = task;
            role[processor] = taskRole;
            remainingNs[processor] = durationNs;
            sinceNs[processor] = now;
            busyOthers[processor] = others;
            factor[processor] = 1 + sum;
            return sum == 0 ? durationNs : endNs(now, durationNs, factor[processor], task) - now;
        }

        @Override
        public void onFinish(int task, int processor, EffectView run) {
            long now = run.nowNs();
            int taskRole = role[processor];
            running[processor] = -1;
            for (int a = 0; a < procs; a++) {
                if (a == processor || running[a] < 0) continue;
                busyOthers[a]--;
                double hit = slowdown[index(a, processor, role[a], taskRole)];
                // never below 1: a task is never sped up, whatever the rounding of the running sum
                double next = busyOthers[a] == 0 ? 1 : Math.max(1, factor[a] - hit);
                if (next != factor[a]) retime(a, next, now, run);
            }
        }

        /** The task on {@code processor} progresses at {@code 1 / nextFactor} from now on. */
        private void retime(int processor, double nextFactor, long now, EffectView run) {
            int task = running[processor];
            if (run.endNs(task) <= now) {
                // due at this instant: its finish is queued, and it ends now whatever the new rate
                remainingNs[processor] = 0;
            } else {
                double done = (now - sinceNs[processor]) / factor[processor];
                remainingNs[processor] = Math.max(0, remainingNs[processor] - done);
                run.setEndNs(task, endNs(now, remainingNs[processor], nextFactor, task));
            }
            sinceNs[processor] = now;
            factor[processor] = nextFactor;
        }

        /** now + work × factor, rounded to the nearest ns; refuses a time past the engine's clock. */
        private long endNs(long now, double workNs, double timePerWork, int task) {
            double durationNs = workNs * timePerWork;
            if (!(durationNs < (double) TimeOverflowException.MAX_TIME_NS - now - 1)) {
                throw new TimeOverflowException("task " + graph.task(task).label() + " slowed by contention on device " + device
                        + " would end " + durationNs + " ns after " + now + " ns, beyond the engine's limit of " + TimeOverflowException.limit());
            }
            return now + Math.round(durationNs);
        }
    }

    @Override
    public String toString() {
        return NAME + " (" + device + ")";
    }
}
