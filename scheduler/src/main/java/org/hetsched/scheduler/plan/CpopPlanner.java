package org.hetsched.scheduler.plan;

import org.hetsched.core.engine.LongPairMinHeap;
import org.hetsched.core.graph.ReadyTracker;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * CPOP, Critical-Path-On-a-Processor (Topcuoglu, Hariri, Wu, IEEE TPDS 13(3), 2002, §4.2).
 *
 * <p>How the parts fit: priority(t) = rank_u(t) + rank_d(t) ({@link Ranks}) is the averaged length
 * of the longest path through t; the critical path's length |CP| is the largest priority (the entry
 * task's, for a graph with one entry). Every task whose priority equals |CP| within a relative
 * {@value #CRITICAL_EPSILON} (floating point) is a critical-path task; they all go to the
 * critical-path processor, the one with the smallest summed duration of them among processors where
 * all of them are eligible (ties to the lower id). If there is no such processor, critical-path
 * tasks are placed like the others. Tasks are taken from a ready queue (all predecessors placed, the
 * K/V rule included) by highest priority, ties to the lower id; a non-critical task goes to the
 * processor where it finishes first, with insertion into idle gaps ({@link ListSchedule}).
 *
 * <p>The paper walks one critical path from the entry through successors of priority |CP|; taking
 * every task of priority |CP| is the same when the critical path is unique and puts all of them on
 * one processor when several are tied.
 *
 * <p>O(tasks · log tasks + (tasks · processors) · (processors · log chunks + log tasks)) time,
 * O(tasks · processors) memory. Stateless between calls; not for concurrent use.
 */
public final class CpopPlanner implements StaticPlanner {
    /** Relative tolerance for "priority equals |CP|": ranks are sums of means in double. */
    static final double CRITICAL_EPSILON = 1e-9;

    @Override
    public String name() {
        return "cpop";
    }

    @Override
    public String description() {
        return "CPOP: critical path on one processor, others by earliest finish (Topcuoglu, Hariri, Wu, IEEE TPDS 2002)";
    }

    @Override
    public SchedulePlan plan(CostTable costs) {
        TaskGraph graph = costs.graph();
        int n = graph.size();
        double[] up = Ranks.upwardNs(costs);
        double[] down = Ranks.downwardNs(costs);
        double[] priority = new double[n];
        double critical = 0;
        for (int t = 0; t < n; t++) {
            priority[t] = up[t] + down[t];
            critical = Math.max(critical, priority[t]);
        }
        boolean[] onPath = new boolean[n];
        for (int t = 0; t < n; t++) onPath[t] = Math.abs(priority[t] - critical) <= CRITICAL_EPSILON * critical;
        int pathProcessor = criticalPathProcessor(costs, onPath);

        ListSchedule schedule = new ListSchedule(costs);
        ReadyTracker ready = new ReadyTracker(graph);
        LongPairMinHeap queue = new LongPairMinHeap(); // min-heap on −priority, then id
        ready.forEachSource(t -> queue.push(-Priorities.key(priority[t]), t));
        while (!queue.isEmpty()) {
            int task = (int) queue.peekValue();
            queue.pop();
            int processor = onPath[task] && pathProcessor >= 0 ? pathProcessor : schedule.earliestFinishProcessor(task);
            schedule.place(task, processor, schedule.insertionStartNs(task, processor));
            ready.finished(task, t -> queue.push(-Priorities.key(priority[t]), t));
        }
        return schedule.toPlan();
    }

    /** The processor minimising the critical-path tasks' summed durations, or -1 if none can run them all. */
    static int criticalPathProcessor(CostTable costs, boolean[] onPath) {
        int best = -1;
        long bestSum = Long.MAX_VALUE;
        for (int p = 0; p < costs.platform().size(); p++) {
            long sum = 0;
            for (int t = 0; t < onPath.length && sum >= 0; t++) {
                if (!onPath[t]) continue;
                long d = costs.durationNs(t, p);
                sum = d < 0 ? -1 : sum + d;
            }
            if (sum >= 0 && sum < bestSum) {
                bestSum = sum;
                best = p;
            }
        }
        return best;
    }
}
