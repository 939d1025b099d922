package org.hetsched.scheduler.plan;

import java.util.function.IntConsumer;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.TaskGraph;

/**
 * Which tasks a list scheduler may place next: those whose predecessors, explicit and by the K/V
 * rule, are all placed. The K/V rule counts as one more predecessor of the consumer of chunk i until
 * every producer of chunks below i is placed, tracked per group as a ready prefix of chunks, as the
 * engine does, so nothing is materialised.
 *
 * <p>O(tasks + explicit edges) over a whole schedule; O(tasks) memory; single-threaded.
 */
final class ReadyTracker {
    private final TaskGraph graph;
    private final KvRule kv;
    private final int chunks;
    private final int[] waiting;
    private final int[] kvPrefix;
    private final int[] kvLeft;

    ReadyTracker(TaskGraph graph) {
        this.graph = graph;
        this.kv = graph.kvRule();
        this.chunks = graph.chunks();
        int n = graph.size();
        waiting = new int[n];
        for (int t = 0; t < n; t++) waiting[t] = graph.explicitPredecessorCount(t);
        if (kv == null) {
            kvPrefix = kvLeft = null;
            return;
        }
        int groups = kv.groupCount();
        kvPrefix = new int[groups];
        kvLeft = new int[groups * chunks];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < chunks; i++) kvLeft[g * chunks + i] = kv.producersPerChunk(g);
            for (int i = 1; i < chunks; i++) waiting[kv.consumer(g, i)]++;
        }
    }

    /** Calls {@code sink} with every task that has no predecessor, in id order. */
    void forEachSource(IntConsumer sink) {
        for (int t = 0; t < waiting.length; t++) {
            if (waiting[t] == 0) sink.accept(t);
        }
    }

    boolean isReady(int task) {
        return waiting[task] == 0;
    }

    /** Records that {@code task} is placed and calls {@code sink} with each task this makes ready. */
    void placed(int task, IntConsumer sink) {
        for (int k = 0, m = graph.explicitSuccessorCount(task); k < m; k++) {
            int s = graph.explicitSuccessor(task, k);
            if (--waiting[s] == 0) sink.accept(s);
        }
        if (kv == null || kv.producerGroup(task) < 0) return;
        int g = kv.producerGroup(task);
        int chunk = graph.task(task).chunk();
        if (--kvLeft[g * chunks + chunk] != 0 || chunk != kvPrefix[g]) return;
        while (kvPrefix[g] < chunks && kvLeft[g * chunks + kvPrefix[g]] == 0) {
            int next = ++kvPrefix[g];
            if (next < chunks && --waiting[kv.consumer(g, next)] == 0) sink.accept(kv.consumer(g, next));
        }
    }
}
