package org.hetsched.scheduler.plan;

import java.util.Arrays;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * A schedule under construction by a list scheduler: tasks are placed one at a time, each after
 * all its predecessors, on a processor and at a start time chosen by the caller from
 * {@link #dataReadyNs} and {@link #insertionStartNs}.
 *
 * <p>Data-ready time follows the engine's semantics: an explicit predecessor's end plus
 * {@link CostTable#crossNs} (0 on the same processor), and for the consumer of chunk i the latest
 * end of the producers of chunks below i plus the sync from their processor. The latter is
 * answered by one {@link PrefixMax} per (K/V group, processor) over chunks: O(processors · log
 * chunks) per query, with producers placed in any order.
 *
 * <p>The resulting plan orders each processor's tasks by (start, end, id): a linear extension of
 * the dependencies even with zero-duration tasks, so a replay starts no task later than planned
 * (each task starts at the latest of its data-ready time and its processor's previous end, both no
 * later than planned, by induction along that order).
 *
 * <p>O(tasks · processors + groups · processors · chunks) memory; single-threaded.
 */
final class ListSchedule {
    private final CostTable costs;
    private final TaskGraph graph;
    private final KvRule kv;
    private final int processors;
    private final int[] processorOf;
    private final long[] startNs;
    private final long[] endNs;
    private final IdleSlots[] idle;
    private final PrefixMax[] kvEnds;

    ListSchedule(CostTable costs) {
        this.costs = costs;
        this.graph = costs.graph();
        this.kv = graph.kvRule();
        this.processors = costs.platform().size();
        int n = graph.size();
        processorOf = new int[n];
        Arrays.fill(processorOf, -1);
        startNs = new long[n];
        endNs = new long[n];
        idle = new IdleSlots[processors];
        for (int p = 0; p < processors; p++) idle[p] = new IdleSlots();
        kvEnds = new PrefixMax[kv == null ? 0 : kv.groupCount() * processors];
        for (int i = 0; i < kvEnds.length; i++) kvEnds[i] = new PrefixMax(graph.chunks());
    }

    /**
     * When {@code task}'s inputs can be on {@code processor}.
     *
     * @throws IllegalStateException if an explicit predecessor is not placed yet
     */
    long dataReadyNs(int task, int processor) {
        long ready = 0;
        for (int k = 0, m = graph.explicitPredecessorCount(task); k < m; k++) {
            int pred = graph.explicitPredecessor(task, k);
            int from = processorOf[pred];
            if (from < 0) {
                throw new IllegalStateException("task " + graph.task(task).label() + " is placed before its predecessor "
                        + graph.task(pred).label());
            }
            ready = Math.max(ready, endNs[pred] + costs.crossNs(graph.explicitPredecessorEdge(task, k), from, processor));
        }
        if (kv != null && kv.consumerGroup(task) >= 0) {
            int chunk = graph.task(task).chunk();
            int base = kv.consumerGroup(task) * processors;
            for (int from = 0; from < processors; from++) {
                long end = kvEnds[base + from].maxBelow(chunk);
                if (end != PrefixMax.NONE) ready = Math.max(ready, end + costs.syncNs(from, processor));
            }
        }
        return ready;
    }

    /** The earliest start of {@code task} on {@code processor}: insertion into the first idle gap that fits. */
    long insertionStartNs(int task, int processor) {
        return idle[processor].earliestStartNs(dataReadyNs(task, processor), costs.durationNs(task, processor));
    }

    /** The eligible processor on which {@code task} finishes first (insertion-based); ties to the lower id. */
    int earliestFinishProcessor(int task) {
        int best = -1;
        long bestFinish = Long.MAX_VALUE;
        for (int mask = costs.eligibleMask(task); mask != 0; mask &= mask - 1) {
            int p = Integer.numberOfTrailingZeros(mask);
            long finish = insertionStartNs(task, p) + costs.durationNs(task, p);
            if (finish < bestFinish) {
                bestFinish = finish;
                best = p;
            }
        }
        return best;
    }

    /** Places {@code task} on {@code processor} from {@code start} for its tabled duration. */
    void place(int task, int processor, long start) {
        long duration = costs.durationNs(task, processor);
        if (duration < 0 || processorOf[task] >= 0) {
            throw new IllegalStateException("task " + graph.task(task).label() + " cannot be placed on processor "
                    + processor + " (duration " + duration + " ns, already on " + processorOf[task] + ")");
        }
        idle[processor].reserve(start, duration);
        processorOf[task] = processor;
        startNs[task] = start;
        endNs[task] = start + duration;
        if (kv != null && kv.producerGroup(task) >= 0) {
            kvEnds[kv.producerGroup(task) * processors + processor].raise(graph.task(task).chunk(), endNs[task]);
        }
    }

    /**
     * The plan: each processor's tasks by (start, end, id) ({@link SchedulePlan#fromSchedule}).
     *
     * @throws IllegalStateException if a task was not placed
     */
    SchedulePlan toPlan() {
        for (int t = 0; t < processorOf.length; t++) {
            if (processorOf[t] < 0) throw new IllegalStateException("task " + graph.task(t).label() + " was not placed");
        }
        return SchedulePlan.fromSchedule(processors, processorOf, startNs, endNs);
    }
}
