package org.hetsched.scheduler.exact;

import java.util.Arrays;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * Every dependency of a graph materialised, explicit and implied by the K/V rule, with what it
 * costs across processors: the exact model needs one precedence per pair. Only for the small
 * graphs the exact solver takes (the implied edges grow with chunks²).
 *
 * <p>Immutable; O(dependencies) memory.
 */
final class Dependencies {
    private final CostTable costs;
    private final int[] from;
    private final int[] to;
    /** The explicit edge id, or -1 for an edge implied by the K/V rule (which pays sync only). */
    private final int[] edge;

    private Dependencies(CostTable costs, int[] from, int[] to, int[] edge) {
        this.costs = costs;
        this.from = from;
        this.to = to;
        this.edge = edge;
    }

    static Dependencies of(CostTable costs) {
        TaskGraph graph = costs.graph();
        KvRule kv = graph.kvRule();
        int count = Math.toIntExact(graph.dependencyCount());
        int[] from = new int[count];
        int[] to = new int[count];
        int[] edge = new int[count];
        int k = 0;
        for (int t = 0; t < graph.size(); t++) {
            for (int i = 0, m = graph.explicitPredecessorCount(t); i < m; i++) {
                from[k] = graph.explicitPredecessor(t, i);
                to[k] = t;
                edge[k++] = graph.explicitPredecessorEdge(t, i);
            }
            if (kv == null || kv.consumerGroup(t) < 0) continue;
            int group = kv.consumerGroup(t);
            for (int chunk = 0; chunk < graph.task(t).chunk(); chunk++) {
                for (int i = 0, m = kv.producersPerChunk(group); i < m; i++) {
                    from[k] = kv.producer(group, chunk, i);
                    to[k] = t;
                    edge[k++] = -1;
                }
            }
        }
        if (k != count) throw new IllegalStateException("collected " + k + " dependencies, the graph counts " + count);
        return new Dependencies(costs, from, to, edge);
    }

    int size() {
        return from.length;
    }

    int from(int dependency) {
        return from[dependency];
    }

    int to(int dependency) {
        return to[dependency];
    }

    /** The delay from the producer's end on {@code p} to the consumer's start on {@code q}: 0 when p = q. */
    long crossNs(int dependency, int p, int q) {
        if (p == q) return 0;
        return edge[dependency] >= 0 ? costs.crossNs(edge[dependency], p, q) : costs.syncNs(p, q);
    }

    /** Per task, the indices of its dependencies as consumer, ascending. */
    int[][] byConsumer(int tasks) {
        int[] count = new int[tasks];
        for (int c : to) count[c]++;
        int[][] lists = new int[tasks][];
        for (int t = 0; t < tasks; t++) lists[t] = new int[count[t]];
        Arrays.fill(count, 0);
        for (int d = 0; d < to.length; d++) lists[to[d]][count[to[d]]++] = d;
        return lists;
    }
}
