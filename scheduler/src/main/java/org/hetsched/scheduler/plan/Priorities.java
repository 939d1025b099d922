package org.hetsched.scheduler.plan;

import java.util.Arrays;

/**
 * How list schedulers compare floating-point priorities (ranks in ns). Means make ranks doubles,
 * and two ranks that are equal in exact arithmetic can differ in the last bit depending on the
 * order of additions (in the HEFT paper's example n3 and n4 both rank 80). Comparing at 0.001 ns
 * resolution leaves such ties to the task id, as every tie in hetsched is broken.
 */
final class Priorities {
    private Priorities() {
    }

    /** The comparable form of a priority in ns: rounded to 0.001 ns. Monotone in {@code priorityNs}. */
    static long key(double priorityNs) {
        return Math.round(priorityNs * 1000);
    }

    /**
     * Task ids by decreasing priority, ties to the lower id. When every priority is at least its
     * successors' (as rank_u is, costs being ≥ 0) and ids are topological, this order is topological.
     */
    static int[] byDecreasing(double[] priorityNs) {
        int n = priorityNs.length;
        long[] keys = new long[n];
        Integer[] order = new Integer[n];
        for (int t = 0; t < n; t++) {
            keys[t] = key(priorityNs[t]);
            order[t] = t;
        }
        Arrays.sort(order, (a, b) -> keys[a] != keys[b] ? Long.compare(keys[b], keys[a]) : Integer.compare(a, b));
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = order[i];
        return ids;
    }
}
