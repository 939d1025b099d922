package org.hetsched.scheduler.plan;

import org.hetsched.core.platform.CostTable;

/**
 * The averaged costs list schedulers rank tasks by, before any task has a processor.
 *
 * <p>w̄(t) is the mean duration of t over the processors it is eligible on. c̄ of an edge is its
 * mean cross cost over the pairs (producer's processor, consumer's processor) of <em>distinct</em>
 * eligible processors, and 0 when there is no such pair (both ends can only run on one and the same
 * processor). Averaging over distinct pairs is how Topcuoglu et al. (IEEE TPDS 13(3), 2002, §4)
 * define c̄ = L̄ + data/B̄ from the average startup and bandwidth of the links between processors;
 * it reproduces the ranks printed for the paper's example (n1 = 108). An explicit edge costs sync
 * plus its transfer across processors, an edge implied by the K/V rule sync only.
 *
 * <p>O(processors²) per call, no allocation; holds nothing but the table; single-threaded use.
 */
final class MeanCosts {
    private final CostTable costs;
    private final int processors;

    MeanCosts(CostTable costs) {
        this.costs = costs;
        this.processors = costs.platform().size();
    }

    /** w̄: the mean duration of {@code task} over its eligible processors. */
    double durationNs(int task) {
        long sum = 0;
        int count = 0;
        for (int p = 0; p < processors; p++) {
            long d = costs.durationNs(task, p);
            if (d >= 0) {
                sum += d;
                count++;
            }
        }
        return (double) sum / count;
    }

    /** c̄ of the explicit edge {@code edge}, from {@code producer} to {@code consumer}. */
    double edgeNs(int edge, int producer, int consumer) {
        double sync = meanSyncNs(costs.eligibleMask(producer), costs.eligibleMask(consumer));
        return sync < 0 ? 0 : sync + costs.transferNs(edge);
    }

    /** c̄ of an edge implied by the K/V rule between tasks with these eligibility masks. */
    double kvNs(int producerMask, int consumerMask) {
        return Math.max(0, meanSyncNs(producerMask, consumerMask));
    }

    /** Mean sync over the distinct-processor pairs of the masks, or -1 if there is no such pair. */
    private double meanSyncNs(int producerMask, int consumerMask) {
        long sum = 0;
        int pairs = 0;
        for (int a = producerMask; a != 0; a &= a - 1) {
            int p = Integer.numberOfTrailingZeros(a);
            for (int b = consumerMask; b != 0; b &= b - 1) {
                int q = Integer.numberOfTrailingZeros(b);
                if (p == q) continue;
                sum += costs.syncNs(p, q);
                pairs++;
            }
        }
        return pairs == 0 ? -1 : (double) sum / pairs;
    }
}
