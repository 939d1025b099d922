package org.hetsched.scheduler.plan;

import java.util.Arrays;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * PEFT's Optimistic Cost Table (Arabnejad, Barbosa, "List scheduling algorithm for heterogeneous
 * systems by an optimistic cost table", IEEE TPDS 25(3), 2014, §4.1):
 * <pre>
 *   OCT(t, p) = max over successors s of  min over q of  (OCT(s, q) + w(s, q) + (q ≠ p ? c̄(t, s) : 0))
 * </pre>
 * 0 at an exit task; q ranges over the processors s is eligible on, p over those t is eligible on
 * (the entry is NaN elsewhere). OCT(t, p) is the length of the longest path from t's end to an exit
 * if every later task ran on its best processor and t ran on p. rank_oct(t) is its mean over t's
 * eligible processors. c̄ is {@link MeanCosts}'.
 *
 * <p>Successors include the K/V rule's implied edges, folded in with one running maximum per
 * (group, producer eligibility mask, processor) over consumers, by decreasing id (chunk-major ids;
 * the same-chunk consumer also enters the fold, but its explicit edge costs at least as much, and
 * the inner min is monotone in c̄, so it never changes the result).
 *
 * <p>O(tasks · processors² + explicit edges · processors²) time, O(tasks · processors) memory.
 * Immutable once built.
 */
final class OptimisticCostTable {
    private final int processors;
    private final double[] oct;
    private final double[] rank;

    private OptimisticCostTable(int processors, double[] oct, double[] rank) {
        this.processors = processors;
        this.oct = oct;
        this.rank = rank;
    }

    static OptimisticCostTable of(CostTable costs) {
        TaskGraph graph = costs.graph();
        KvRule kv = graph.kvRule();
        MeanCosts mean = new MeanCosts(costs);
        int procs = costs.platform().size();
        int n = graph.size();
        double[] oct = new double[n * procs];
        Arrays.fill(oct, Double.NaN);
        int[][] producerMasks = producerMasks(costs, kv);
        double[][] fold = new double[producerMasks.length][];
        for (int g = 0; g < fold.length; g++) fold[g] = new double[producerMasks[g].length * procs];

        for (int t = n - 1; t >= 0; t--) {
            for (int mask = costs.eligibleMask(t); mask != 0; mask &= mask - 1) {
                int p = Integer.numberOfTrailingZeros(mask);
                double worst = 0;
                for (int k = 0, m = graph.explicitSuccessorCount(t); k < m; k++) {
                    int s = graph.explicitSuccessor(t, k);
                    worst = Math.max(worst, bestContinuation(costs, oct, s, p, mean.edgeNs(graph.explicitSuccessorEdge(t, k), t, s)));
                }
                if (kv != null && kv.producerGroup(t) >= 0) {
                    int g = kv.producerGroup(t);
                    worst = Math.max(worst, fold[g][indexOf(producerMasks[g], costs.eligibleMask(t)) * procs + p]);
                }
                oct[t * procs + p] = worst;
            }
            if (kv != null && kv.consumerGroup(t) >= 0) {
                int g = kv.consumerGroup(t);
                for (int i = 0; i < producerMasks[g].length; i++) {
                    double c = mean.kvNs(producerMasks[g][i], costs.eligibleMask(t));
                    for (int mask = producerMasks[g][i]; mask != 0; mask &= mask - 1) {
                        int p = Integer.numberOfTrailingZeros(mask);
                        int slot = i * procs + p;
                        fold[g][slot] = Math.max(fold[g][slot], bestContinuation(costs, oct, t, p, c));
                    }
                }
            }
        }
        double[] rank = new double[n];
        for (int t = 0; t < n; t++) {
            double sum = 0;
            int count = 0;
            for (int mask = costs.eligibleMask(t); mask != 0; mask &= mask - 1) {
                sum += oct[t * procs + Integer.numberOfTrailingZeros(mask)];
                count++;
            }
            rank[t] = sum / count;
        }
        return new OptimisticCostTable(procs, oct, rank);
    }

    /** OCT(task, processor) in ns; NaN where {@code task} is not eligible. */
    double ns(int task, int processor) {
        return oct[task * processors + processor];
    }

    /** rank_oct(task): the mean OCT over its eligible processors. */
    double rankNs(int task) {
        return rank[task];
    }

    /** min over s's eligible q of OCT(s, q) + w(s, q) + (q ≠ p ? c : 0). */
    private static double bestContinuation(CostTable costs, double[] oct, int s, int p, double c) {
        int procs = costs.platform().size();
        double best = Double.POSITIVE_INFINITY;
        for (int mask = costs.eligibleMask(s); mask != 0; mask &= mask - 1) {
            int q = Integer.numberOfTrailingZeros(mask);
            double v = oct[s * procs + q] + costs.durationNs(s, q) + (q == p ? 0 : c);
            if (v < best) best = v;
        }
        return best;
    }

    /** Per K/V group, the distinct eligibility masks of its producers, in order of first appearance. */
    private static int[][] producerMasks(CostTable costs, KvRule kv) {
        if (kv == null) return new int[0][];
        MaskedMax[] seen = Ranks.groupMaxima(kv);
        for (int t = 0; t < costs.graph().size(); t++) {
            if (kv.producerGroup(t) >= 0) seen[kv.producerGroup(t)].offer(costs.eligibleMask(t), 0);
        }
        int[][] masks = new int[seen.length][];
        for (int g = 0; g < seen.length; g++) {
            masks[g] = new int[seen[g].size()];
            for (int i = 0; i < masks[g].length; i++) masks[g][i] = seen[g].mask(i);
        }
        return masks;
    }

    private static int indexOf(int[] masks, int mask) {
        for (int i = 0; i < masks.length; i++) {
            if (masks[i] == mask) return i;
        }
        throw new IllegalStateException("producer mask " + mask + " was not collected");
    }
}
