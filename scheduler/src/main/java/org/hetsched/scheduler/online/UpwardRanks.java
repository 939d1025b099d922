package org.hetsched.scheduler.online;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * HEFT's upward rank (Topcuoglu, Hariri, Wu, "Performance-effective and low-complexity task
 * scheduling for heterogeneous computing", IEEE TPDS 13(3), 2002): the length of the longest path
 * from a task to an exit, at mean costs,
 * rank(t) = w̄(t) + max over successors s of (c̄(t, s) + rank(s)), and w̄(t) for an exit task.
 * w̄ is the mean duration over the task's eligible processors; c̄ is the mean delay of the edge
 * over all (producer processor, consumer processor) pairs of eligible processors, 0 for a pair on
 * one processor, {@link CostTable#crossNs} for an explicit edge and {@link CostTable#syncNs} for an
 * edge of the K/V rule (which moves no data of its own).
 *
 * <p>The K/V rule's implied successors of a producer in chunk k are the group's consumers in every
 * chunk above k. Ids are a chunk-major topological order, so a pass in descending id order sees all
 * of them first: one running maximum per group (and per consumer eligibility mask, since c̄ depends
 * on it) over the chunks already passed gives each producer its best implied successor in O(1).
 * Total O((tasks + explicit edges) · processors²) time, O(tasks) memory, without materialising the
 * chunks² edges.
 *
 * <p>Package-private for now: the static HEFT planner needs the same ranks, and the two are to be
 * unified in one public class. Stateless.
 */
final class UpwardRanks {
    private UpwardRanks() {
    }

    /**
     * @return rank per task id, in ns (fractional: means are not rounded), all &ge; 0
     * @throws IllegalStateException if the ids of a graph with a K/V rule are not chunk-major
     */
    static double[] of(CostTable costs) {
        TaskGraph graph = costs.graph();
        KvRule kv = graph.kvRule();
        int n = graph.size();
        double[] rank = new double[n];
        List<List<MaskBest>> implied = new ArrayList<>();
        for (int g = 0; kv != null && g < kv.groupCount(); g++) implied.add(new ArrayList<>());
        List<Integer> consumersOfChunk = new ArrayList<>();
        int chunk = Integer.MAX_VALUE;
        for (int t = n - 1; t >= 0; t--) {
            int taskChunk = graph.task(t).chunk();
            if (taskChunk != chunk) {
                if (taskChunk > chunk) {
                    throw new IllegalStateException("task ids of " + graph.name() + " are not chunk-major: task " + t
                            + " is in chunk " + taskChunk + " but task " + (t + 1) + " in chunk " + chunk);
                }
                // the consumers of the chunk just passed are implied successors of every lower chunk's producers
                for (int consumer : consumersOfChunk) fold(implied.get(kv.consumerGroup(consumer)), costs, consumer, rank[consumer]);
                consumersOfChunk.clear();
                chunk = taskChunk;
            }
            int mask = costs.eligibleMask(t);
            double best = 0;
            for (int k = 0, m = graph.explicitSuccessorCount(t); k < m; k++) {
                int succ = graph.explicitSuccessor(t, k);
                best = Math.max(best, meanCrossNs(costs, graph.explicitSuccessorEdge(t, k), mask, costs.eligibleMask(succ))
                        + rank[succ]);
            }
            if (kv != null && kv.producerGroup(t) >= 0) {
                for (MaskBest consumers : implied.get(kv.producerGroup(t))) {
                    best = Math.max(best, meanSyncNs(costs, mask, consumers.mask) + consumers.rank);
                }
            }
            rank[t] = meanDurationNs(costs, t) + best;
            if (kv != null && kv.consumerGroup(t) >= 0) consumersOfChunk.add(t);
        }
        return rank;
    }

    /** w̄: the mean duration over the eligible processors. */
    static double meanDurationNs(CostTable costs, int task) {
        long sum = 0;
        int count = 0;
        for (int mask = costs.eligibleMask(task); mask != 0; mask &= mask - 1) {
            sum += costs.durationNs(task, Integer.numberOfTrailingZeros(mask));
            count++;
        }
        return (double) sum / count;
    }

    /** c̄ of explicit edge {@code edge}: mean of crossNs over the eligible processor pairs. */
    static double meanCrossNs(CostTable costs, int edge, int fromMask, int toMask) {
        long sum = 0;
        for (int a = fromMask; a != 0; a &= a - 1) {
            for (int b = toMask; b != 0; b &= b - 1) {
                sum += costs.crossNs(edge, Integer.numberOfTrailingZeros(a), Integer.numberOfTrailingZeros(b));
            }
        }
        return (double) sum / ((long) Integer.bitCount(fromMask) * Integer.bitCount(toMask));
    }

    /** c̄ of a K/V-rule edge: mean of syncNs over the eligible processor pairs (0 on one processor). */
    static double meanSyncNs(CostTable costs, int fromMask, int toMask) {
        long sum = 0;
        for (int a = fromMask; a != 0; a &= a - 1) {
            for (int b = toMask; b != 0; b &= b - 1) {
                sum += costs.syncNs(Integer.numberOfTrailingZeros(a), Integer.numberOfTrailingZeros(b));
            }
        }
        return (double) sum / ((long) Integer.bitCount(fromMask) * Integer.bitCount(toMask));
    }

    private static void fold(List<MaskBest> group, CostTable costs, int consumer, double consumerRank) {
        int mask = costs.eligibleMask(consumer);
        for (MaskBest entry : group) {
            if (entry.mask == mask) {
                entry.rank = Math.max(entry.rank, consumerRank);
                return;
            }
        }
        group.add(new MaskBest(mask, consumerRank));
    }

    /** The highest rank among a group's consumers with one eligibility mask, over the chunks passed. */
    private static final class MaskBest {
        final int mask;
        double rank;

        MaskBest(int mask, double rank) {
            this.mask = mask;
            this.rank = rank;
        }
    }
}
