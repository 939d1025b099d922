package org.hetsched.core.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.Units;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.CostBasis;
import org.hetsched.core.platform.TaskCost;

/**
 * The summary numbers of one run.
 *
 * @param graph              the graph's name
 * @param policy             the policy's name
 * @param makespanNs         the task graph's makespan: what policies, lower bounds and the exact
 *                           optimum compare (without {@code setupNs})
 * @param promptTokens       real prompt tokens
 * @param paddedTokens       padding rows of the last chunk (computed, but not counted as tokens)
 * @param tasks              task count
 * @param tokensPerSecond    promptTokens / {@link #prefillNs()} (setup plus makespan); 0 for
 *                           graphs that are not a prefill
 * @param processors         per-processor usage, in processor id order (busy times exclude the
 *                           setup)
 * @param criticalProcessor  the busiest processor
 * @param bubbleRate         idle fraction of the critical processor within the makespan
 * @param lowerBoundNs       a lower bound on any schedule's makespan
 * @param graphPreparationNs one-time preparation of the static graphs this run executed
 * @param analyticOps        "processor: OP/DTYPE" of ops priced by the analytic fallback in this run
 * @param energyJ            busy energy of the run, J, when an effect accounted it
 *                           ({@link RunTotal#ENERGY_J}: e.g. every processor used has a power
 *                           figure); empty otherwise, never 0 or NaN in its place
 * @param energyJPerPromptToken energyJ per real prompt token; empty without energy or prompt tokens
 * @param setupNs            serial setup of the prefill outside its task graph, ns, when an effect
 *                           accounted it ({@link RunTotal#SETUP_NS}); 0 otherwise, and then the
 *                           reports leave it out
 */
public record Metrics(
        String graph,
        String policy,
        long makespanNs,
        int promptTokens,
        int paddedTokens,
        int tasks,
        double tokensPerSecond,
        List<ProcessorUsage> processors,
        String criticalProcessor,
        double bubbleRate,
        long lowerBoundNs,
        long graphPreparationNs,
        SortedSet<String> analyticOps,
        OptionalDouble energyJ,
        OptionalDouble energyJPerPromptToken,
        long setupNs) {

    public Metrics {
        if (energyJ == null || energyJPerPromptToken == null) throw new IllegalArgumentException("energy may be empty, not null");
        if (setupNs < 0 || makespanNs > Long.MAX_VALUE - setupNs) {
            throw new TimeOverflowException("setup " + setupNs + " ns plus makespan " + makespanNs + " ns is negative or beyond the limit of "
                    + TimeOverflowException.limit());
        }
        processors = List.copyOf(processors);
        analyticOps = Collections.unmodifiableSortedSet(new TreeSet<>(analyticOps));
    }

    /**
     * Computes the metrics of {@code trace}.
     *
     * @param lowerBoundNs a bound computed by the caller (e.g. the scheduler's bounds)
     */
    public static Metrics of(Trace trace, long lowerBoundNs) {
        int procs = trace.platform().size();
        int n = trace.graph().size();
        long[] busy = new long[procs];
        int[] count = new int[procs];
        boolean[] preparedSeen = new boolean[trace.graph().staticGraphCount() * procs];
        long preparation = 0;
        SortedSet<String> analytic = new TreeSet<>();
        for (int t = 0; t < n; t++) {
            int p = trace.processorOf(t);
            busy[p] += trace.endNs(t) - trace.startNs(t);
            count[p]++;
            Task task = trace.graph().task(t);
            int key = task.staticGraph() * procs + p;
            if (!preparedSeen[key]) {
                preparedSeen[key] = true;
                long ns = trace.costs().graphPreparationNs(task.staticGraph(), p);
                // one per static graph and processor, so the total can pass a long where no single run does
                if (preparation > Long.MAX_VALUE - ns) {
                    throw new TimeOverflowException("the graph preparation of " + trace.graph().name() + " totals more than "
                            + TimeOverflowException.limit() + "; the input's preparation times are too large");
                }
                preparation += ns;
                TaskCost cost = trace.costs().cost(t, p);
                if (cost.basis() == CostBasis.ANALYTIC) {
                    String name = trace.platform().processor(p).name();
                    for (String op : cost.analyticOps()) analytic.add(name + ": " + op);
                }
            }
        }
        long makespan = trace.makespanNs();
        List<ProcessorUsage> usage = new ArrayList<>();
        int critical = 0;
        for (int p = 0; p < procs; p++) {
            usage.add(new ProcessorUsage(trace.platform().processor(p).name(), count[p], busy[p],
                    makespan == 0 ? 0 : (double) busy[p] / makespan));
            if (busy[p] > busy[critical]) critical = p;
        }
        double bubble = makespan == 0 ? 0 : (double) (makespan - busy[critical]) / makespan;
        int prompt = trace.graph().promptTokens();
        OptionalDouble setupTotal = trace.total(RunTotal.SETUP_NS);
        long setup = setupTotal.isPresent() ? Math.round(setupTotal.getAsDouble()) : 0;
        if (setup < 0 || makespan > Long.MAX_VALUE - setup) {
            throw new TimeOverflowException("the setup of " + trace.graph().name() + " (" + setup + " ns) plus its makespan ("
                    + makespan + " ns) passes the limit of " + TimeOverflowException.limit());
        }
        long prefill = setup + makespan;
        double tokensPerSecond = prefill == 0 ? 0 : prompt / Units.nsToSeconds(prefill);
        OptionalDouble energy = trace.total(RunTotal.ENERGY_J);
        OptionalDouble perToken = energy.isPresent() && prompt > 0 ? OptionalDouble.of(energy.getAsDouble() / prompt)
                : OptionalDouble.empty();
        return new Metrics(trace.graph().name(), trace.policy(), makespan, prompt, trace.graph().paddedTokens(), n,
                tokensPerSecond, usage, trace.platform().processor(critical).name(), bubble, lowerBoundNs,
                preparation, analytic, energy, perToken, setup);
    }

    /** The prefill's time: {@link #setupNs()} plus {@link #makespanNs()}, ns. */
    public long prefillNs() {
        return setupNs + makespanNs;
    }
}
