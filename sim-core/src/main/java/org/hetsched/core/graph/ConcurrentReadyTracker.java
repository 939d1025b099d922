package org.hetsched.core.graph;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;

/**
 * The thread-safe {@link ReadyTracker}: the same counts (unfinished explicit predecessors, plus a
 * K/V gate per attention task in chunk i &gt; 0 that opens once its group's ready prefix reaches
 * i), held in atomic arrays so that tasks may finish on several threads at once without a lock.
 *
 * <p>Each task is reported ready exactly once, by the thread whose finish brought its count to 0.
 * Memory: a thread that sees a task {@linkplain #isReady ready}, or is told so by
 * {@link #finished}, also sees every write the finishing threads of its predecessors made before
 * calling {@link #finished} (each count is a chain of atomic read-modify-writes, and the K/V prefix
 * advances by compare-and-set after reading the chunk's producer count).
 *
 * <p>O(tasks + explicit edges) over a whole run; O(tasks + groups · chunks) ints.
 */
public final class ConcurrentReadyTracker {
    private final TaskGraph graph;
    private final KvRule kv;
    private final int chunks;
    private final int groups;
    private final AtomicIntegerArray waiting;
    private final AtomicIntegerArray kvPrefix;
    /** Per (chunk · groups + group), as in {@link ReadyTracker}. */
    private final AtomicIntegerArray kvLeft;

    public ConcurrentReadyTracker(TaskGraph graph) {
        this.graph = graph;
        this.kv = graph.kvRule();
        this.chunks = graph.chunks();
        int n = graph.size();
        int[] counts = new int[n];
        for (int t = 0; t < n; t++) counts[t] = graph.explicitPredecessorCount(t);
        groups = kv == null ? 0 : kv.groupCount();
        int[] left = new int[chunks * groups];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < chunks; i++) left[i * groups + g] = kv.producersPerChunk(g);
            for (int i = 1; i < chunks; i++) counts[kv.consumer(g, i)]++;
        }
        // the array constructors publish their contents with the final fields
        waiting = new AtomicIntegerArray(counts);
        kvPrefix = new AtomicIntegerArray(groups);
        kvLeft = new AtomicIntegerArray(left);
    }

    /** Whether every predecessor of {@code task} has finished. */
    public boolean isReady(int task) {
        return waiting.get(task) == 0;
    }

    /** Unfinished explicit predecessors of {@code task}, plus 1 while its K/V gate is closed. */
    public int unfinishedPredecessors(int task) {
        return waiting.get(task);
    }

    /** How many leading chunks of {@code group} have every K/V producer finished. */
    public int kvReadyChunks(int group) {
        return kvPrefix.get(group);
    }

    /** Records that {@code task} has finished; call once per task, after its outputs are written. */
    public void finished(int task) {
        finished(task, t -> { });
    }

    /**
     * Records that {@code task} has finished and calls {@code ready}, on this thread, with each
     * task that this finish (and no other) made ready. Call once per task, after its outputs are
     * written.
     */
    public void finished(int task, IntConsumer ready) {
        for (int k = 0, m = graph.explicitSuccessorCount(task); k < m; k++) {
            int succ = graph.explicitSuccessor(task, k);
            if (waiting.decrementAndGet(succ) == 0) ready.accept(succ);
        }
        if (kv == null) return;
        int group = kv.producerGroup(task);
        if (group < 0) return;
        kvLeft.decrementAndGet(graph.task(task).chunk() * groups + group);
        // Any thread may advance the prefix, one chunk per compare-and-set, so when two threads
        // finish the last producers of neighbouring chunks at once, each gate opens exactly once.
        for (int prefix = kvPrefix.get(group); prefix < chunks && kvLeft.get(prefix * groups + group) == 0;
                prefix = kvPrefix.get(group)) {
            if (kvPrefix.compareAndSet(group, prefix, prefix + 1) && prefix + 1 < chunks) {
                int consumer = kv.consumer(group, prefix + 1);
                if (waiting.decrementAndGet(consumer) == 0) ready.accept(consumer);
            }
        }
    }
}
