package org.hetsched.scheduler.bound;

import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * The largest total duration of tasks that can run on only one processor: that processor must
 * execute all of them one at a time. With graph preparation charged, it also prepares, once, every
 * static graph of those tasks. O(tasks · processors).
 */
public final class ForcedLoadLowerBound {
    private ForcedLoadLowerBound() {
    }

    /** Per processor id, the summed durations of the tasks eligible only there (no preparation). */
    public static long[] loadsNs(CostTable costs) {
        return loadsNs(costs, EngineOptions.DEFAULTS);
    }

    /** Per processor id, the summed durations of the tasks eligible only there, with what {@code options} charge (its effects' durations included). */
    public static long[] loadsNs(CostTable unpriced, EngineOptions options) {
        CostTable costs = options.pricedCosts(unpriced);
        TaskGraph graph = costs.graph();
        int procs = costs.platform().size();
        long[] load = new long[procs];
        boolean[] prepared = options.includeGraphPreparation() ? new boolean[graph.staticGraphCount() * procs] : null;
        for (int t = 0; t < graph.size(); t++) {
            int only = -1;
            for (int p = 0; p < procs; p++) {
                if (!costs.eligible(t, p)) continue;
                if (only >= 0) {
                    only = -2;
                    break;
                }
                only = p;
            }
            if (only < 0) continue;
            load[only] += costs.durationNs(t, only);
            if (prepared != null) {
                int s = graph.task(t).staticGraph();
                if (!prepared[s * procs + only]) {
                    prepared[s * procs + only] = true;
                    load[only] += costs.graphPreparationNs(s, only);
                }
            }
        }
        return load;
    }

    public static long of(CostTable costs) {
        return of(costs, EngineOptions.DEFAULTS);
    }

    public static long of(CostTable costs, EngineOptions options) {
        long best = 0;
        for (long l : loadsNs(costs, options)) best = Math.max(best, l);
        return best;
    }
}
