package org.hetsched.scheduler.bound;

import java.util.Arrays;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * The longest dependency path when every task runs on its cheapest processor and no sync is paid:
 * no schedule can be shorter. O(tasks + explicit edges); the K/V rule is folded in with one
 * running maximum per attention group, relying on ids being a chunk-major topological order.
 */
public final class CriticalPathLowerBound {
    private CriticalPathLowerBound() {
    }

    public static long of(CostTable costs) {
        TaskGraph graph = costs.graph();
        KvRule kv = graph.kvRule();
        long[] finish = new long[graph.size()];
        long[] groupMax = kv == null ? new long[0] : new long[kv.groupCount()];
        Arrays.fill(groupMax, 0);
        long longest = 0;
        for (int t = 0; t < graph.size(); t++) {
            long ready = 0;
            for (int k = 0, m = graph.explicitPredecessorCount(t); k < m; k++) {
                ready = Math.max(ready, finish[graph.explicitPredecessor(t, k)]);
            }
            // producers of this and earlier chunks are done by now (smaller ids); this chunk's own are explicit preds anyway
            if (kv != null && kv.consumerGroup(t) >= 0) ready = Math.max(ready, groupMax[kv.consumerGroup(t)]);
            finish[t] = ready + costs.cheapestNs(t);
            if (kv != null && kv.producerGroup(t) >= 0) {
                int g = kv.producerGroup(t);
                groupMax[g] = Math.max(groupMax[g], finish[t]);
            }
            longest = Math.max(longest, finish[t]);
        }
        return longest;
    }
}
