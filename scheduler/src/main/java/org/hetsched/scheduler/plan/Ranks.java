package org.hetsched.scheduler.plan;

import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * Upward and downward ranks of list scheduling (Topcuoglu, Hariri, Wu, "Performance-effective and
 * low-complexity task scheduling for heterogeneous computing", IEEE TPDS 13(3), 2002, §4.1):
 * <pre>
 *   rank_u(t) = w̄(t) + max over successors s of (c̄(t, s) + rank_u(s))      (0 + w̄ at an exit)
 *   rank_d(t) = max over predecessors p of (rank_d(p) + w̄(p) + c̄(p, t))   (0 at an entry)
 * </pre>
 * with w̄ and c̄ the averaged costs of {@link MeanCosts} (mean duration over eligible processors;
 * mean cross cost over distinct eligible processor pairs). rank_u is the length of the longest
 * averaged path from a task to an exit, itself included; rank_d the longest one from an entry to
 * the task, itself excluded; their sum is largest, and equal, on the critical path.
 *
 * <p>Successors and predecessors include the K/V rule's implied edges (the producers of chunk k
 * precede the consumers of every chunk above k) without materialising them: one running maximum
 * per group, relying on task ids being a chunk-major topological order (as
 * {@link org.hetsched.core.graph.PrefillGraphBuilder} numbers them). A running maximum also takes in
 * the pair of the same chunk, which is an explicit edge whose c̄ (sync + transfer) is at least the
 * implied one (sync), so it never changes the result.
 *
 * <p>O(tasks · processors² + explicit edges · processors²) time, O(tasks) memory. Ranks are in ns,
 * as doubles. Stateless; safe to call from several threads.
 */
public final class Ranks {
    private Ranks() {
    }

    /** rank_u of every task, indexed by task id. */
    public static double[] upwardNs(CostTable costs) {
        TaskGraph graph = costs.graph();
        KvRule kv = graph.kvRule();
        MeanCosts mean = new MeanCosts(costs);
        MaskedMax[] consumersAbove = groupMaxima(kv);
        double[] rank = new double[graph.size()];
        for (int t = graph.size() - 1; t >= 0; t--) {
            double tail = 0;
            for (int k = 0, m = graph.explicitSuccessorCount(t); k < m; k++) {
                int s = graph.explicitSuccessor(t, k);
                tail = Math.max(tail, mean.edgeNs(graph.explicitSuccessorEdge(t, k), t, s) + rank[s]);
            }
            if (kv != null && kv.producerGroup(t) >= 0) {
                // every consumer with a larger id reads this task's K/V (chunk-major ids)
                MaskedMax above = consumersAbove[kv.producerGroup(t)];
                int mask = costs.eligibleMask(t);
                for (int i = 0; i < above.size(); i++) {
                    tail = Math.max(tail, mean.kvNs(mask, above.mask(i)) + above.value(i));
                }
            }
            rank[t] = mean.durationNs(t) + tail;
            if (kv != null && kv.consumerGroup(t) >= 0) {
                consumersAbove[kv.consumerGroup(t)].offer(costs.eligibleMask(t), rank[t]);
            }
        }
        return rank;
    }

    /** rank_d of every task, indexed by task id. */
    public static double[] downwardNs(CostTable costs) {
        TaskGraph graph = costs.graph();
        KvRule kv = graph.kvRule();
        MeanCosts mean = new MeanCosts(costs);
        MaskedMax[] producersBelow = groupMaxima(kv);
        double[] rank = new double[graph.size()];
        for (int t = 0; t < graph.size(); t++) {
            double head = 0;
            for (int k = 0, m = graph.explicitPredecessorCount(t); k < m; k++) {
                int p = graph.explicitPredecessor(t, k);
                head = Math.max(head, rank[p] + mean.durationNs(p) + mean.edgeNs(graph.explicitPredecessorEdge(t, k), p, t));
            }
            if (kv != null && kv.consumerGroup(t) >= 0) {
                // every producer with a smaller id is in this chunk or an earlier one (chunk-major ids)
                MaskedMax below = producersBelow[kv.consumerGroup(t)];
                int mask = costs.eligibleMask(t);
                for (int i = 0; i < below.size(); i++) {
                    head = Math.max(head, below.value(i) + mean.kvNs(below.mask(i), mask));
                }
            }
            rank[t] = head;
            if (kv != null && kv.producerGroup(t) >= 0) {
                producersBelow[kv.producerGroup(t)].offer(costs.eligibleMask(t), rank[t] + mean.durationNs(t));
            }
        }
        return rank;
    }

    static MaskedMax[] groupMaxima(KvRule kv) {
        MaskedMax[] maxima = new MaskedMax[kv == null ? 0 : kv.groupCount()];
        for (int g = 0; g < maxima.length; g++) maxima[g] = new MaskedMax();
        return maxima;
    }
}
