package org.hetsched.scheduler.bound;

import java.util.Arrays;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * The longest dependency path when every task runs on its cheapest processor and no sync is paid:
 * no schedule can be shorter. O(tasks · processors + explicit edges); the K/V rule is folded in
 * with one running maximum per attention group, relying on ids being a chunk-major topological
 * order.
 *
 * <p>With graph preparation charged (the engine adds a static graph's preparation on processor p
 * to the first of its tasks that starts on p), a task t of static graph s that runs on p cannot end
 * before {@code e(s) + prep(s, p) + d(t, p)}, where e(s) is the earliest any task of s can start:
 * either t is that first task and pays the preparation itself, or the first one, which started no
 * earlier than e(s), runs before t on p with it. So t's finish is at least the least over its
 * processors of {@code max(ready(t) + d(t, p), e(s) + prep(s, p) + d(t, p))}. e(s) is taken from
 * a first pass without preparation, which can only make it earlier, so the bound stays sound.
 */
public final class CriticalPathLowerBound {
    private CriticalPathLowerBound() {
    }

    /** The bound for a run without graph preparation. */
    public static long of(CostTable costs) {
        return of(costs, EngineOptions.DEFAULTS);
    }

    /** The bound for a run that charges what {@code options} switch on (its effects' durations included). */
    public static long of(CostTable unpriced, EngineOptions options) {
        CostTable costs = options.pricedCosts(unpriced);
        TaskGraph graph = costs.graph();
        long[] plainStart = new long[graph.size()];
        long plain = longestPath(costs, null, plainStart);
        if (!options.includeGraphPreparation()) return plain;
        long[] earliest = new long[graph.staticGraphCount()];
        Arrays.fill(earliest, Long.MAX_VALUE);
        for (int t = 0; t < graph.size(); t++) {
            int s = graph.task(t).staticGraph();
            earliest[s] = Math.min(earliest[s], plainStart[t]);
        }
        return longestPath(costs, earliest, new long[graph.size()]);
    }

    /**
     * @param earliestOfGraph per static graph, the earliest start of any of its tasks, or
     *                        {@code null} to charge no preparation
     * @param start           receives each task's earliest start
     */
    private static long longestPath(CostTable costs, long[] earliestOfGraph, long[] start) {
        TaskGraph graph = costs.graph();
        KvRule kv = graph.kvRule();
        int procs = costs.platform().size();
        long[] finish = new long[graph.size()];
        long[] groupMax = kv == null ? new long[0] : new long[kv.groupCount()];
        long longest = 0;
        for (int t = 0; t < graph.size(); t++) {
            long ready = 0;
            for (int k = 0, m = graph.explicitPredecessorCount(t); k < m; k++) {
                ready = Math.max(ready, finish[graph.explicitPredecessor(t, k)]);
            }
            // producers of this and earlier chunks are done by now (smaller ids); this chunk's own are explicit preds anyway
            if (kv != null && kv.consumerGroup(t) >= 0) ready = Math.max(ready, groupMax[kv.consumerGroup(t)]);
            start[t] = ready;
            if (earliestOfGraph == null) {
                finish[t] = ready + costs.cheapestNs(t);
            } else {
                int s = graph.task(t).staticGraph();
                long best = Long.MAX_VALUE;
                for (int p = 0; p < procs; p++) {
                    if (!costs.eligible(t, p)) continue;
                    long d = costs.durationNs(t, p);
                    best = Math.min(best, Math.max(ready, earliestOfGraph[s] + costs.graphPreparationNs(s, p)) + d);
                }
                finish[t] = best;
            }
            if (kv != null && kv.producerGroup(t) >= 0) {
                int g = kv.producerGroup(t);
                groupMax[g] = Math.max(groupMax[g], finish[t]);
            }
            longest = Math.max(longest, finish[t]);
        }
        return longest;
    }
}
