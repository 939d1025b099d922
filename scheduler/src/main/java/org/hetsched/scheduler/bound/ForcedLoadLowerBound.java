package org.hetsched.scheduler.bound;

import org.hetsched.core.platform.CostTable;

/**
 * The largest total duration of tasks that can run on only one processor: that processor must
 * execute all of them one at a time. O(tasks · processors).
 */
public final class ForcedLoadLowerBound {
    private ForcedLoadLowerBound() {
    }

    /** Per processor id, the summed durations of the tasks eligible only there. */
    public static long[] loadsNs(CostTable costs) {
        int procs = costs.platform().size();
        long[] load = new long[procs];
        for (int t = 0; t < costs.graph().size(); t++) {
            int only = -1;
            for (int p = 0; p < procs; p++) {
                if (!costs.eligible(t, p)) continue;
                if (only >= 0) {
                    only = -2;
                    break;
                }
                only = p;
            }
            if (only >= 0) load[only] += costs.durationNs(t, only);
        }
        return load;
    }

    public static long of(CostTable costs) {
        long best = 0;
        for (long l : loadsNs(costs)) best = Math.max(best, l);
        return best;
    }
}
