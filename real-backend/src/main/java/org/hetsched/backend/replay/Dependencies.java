package org.hetsched.backend.replay;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Platform;

/**
 * Which tasks of one replay have finished, and whether a task's predecessors all have: explicit
 * ones by a completion flag, the K/V rule by one counter per group of the leading chunks whose
 * producers have all finished (the engine's bookkeeping), so {@link #ready} costs O(explicit
 * predecessors).
 *
 * <p>Thread-safe without locks: {@link #complete} publishes with volatile writes and
 * {@link #ready} reads with volatile reads, so a task that a worker sees ready also sees every
 * write its predecessors' workers made before completing them (the tensors they produced). Holds
 * O(tasks + groups × chunks) ints. One instance per replay.
 */
final class Dependencies {
    private final TaskGraph graph;
    private final KvRule kv;
    private final int chunks;
    private final AtomicIntegerArray done;
    /** Per K/V group: chunks 0..ready−1 have all their producers finished. */
    private final AtomicIntegerArray kvReadyChunks;
    /** Per (group · chunks + chunk): producers not yet finished. */
    private final AtomicIntegerArray kvProducersLeft;

    Dependencies(TaskGraph graph) {
        this.graph = graph;
        this.kv = graph.kvRule();
        this.chunks = graph.chunks();
        done = new AtomicIntegerArray(graph.size());
        int groups = kv == null ? 0 : kv.groupCount();
        kvReadyChunks = new AtomicIntegerArray(groups);
        kvProducersLeft = new AtomicIntegerArray(groups * chunks);
        for (int g = 0; g < groups; g++) {
            for (int c = 0; c < chunks; c++) kvProducersLeft.set(g * chunks + c, kv.producersPerChunk(g));
        }
    }

    /** Whether every predecessor of {@code task} has {@linkplain #complete completed}. */
    boolean ready(int task) {
        for (int k = 0, m = graph.explicitPredecessorCount(task); k < m; k++) {
            if (done.get(graph.explicitPredecessor(task, k)) == 0) return false;
        }
        if (kv != null) {
            int group = kv.consumerGroup(task);
            return group < 0 || kvReadyChunks.get(group) >= graph.task(task).chunk();
        }
        return true;
    }

    /** Marks {@code task} finished; call once per task, after its outputs are written. */
    void complete(int task) {
        done.set(task, 1);
        if (kv == null) return;
        int group = kv.producerGroup(task);
        if (group < 0) return;
        kvProducersLeft.decrementAndGet(group * chunks + graph.task(task).chunk());
        // Any thread may advance the prefix; the compare-and-set keeps it monotonic when two
        // lanes finish the last producers of neighbouring chunks at once.
        for (int ready = kvReadyChunks.get(group); ready < chunks && kvProducersLeft.get(group * chunks + ready) == 0;
                ready = kvReadyChunks.get(group)) {
            kvReadyChunks.compareAndSet(group, ready, ready + 1);
        }
    }

    /**
     * Why the per-lane orders cannot all run to the end, found by replaying them without executing
     * anything (each lane runs its next task whenever it is ready), or {@code null} when they can.
     * A plan whose orders are a linear extension of the dependencies always can; any other
     * deadlocks for real, so the replay refuses it up front instead of hanging.
     */
    static String deadlock(TaskGraph graph, int[][] order, Platform lanes) {
        Dependencies state = new Dependencies(graph);
        int[] next = new int[order.length];
        int left = 0;
        for (int[] o : order) left += o.length;
        boolean progress = true;
        while (left > 0 && progress) {
            progress = false;
            for (int p = 0; p < order.length; p++) {
                while (next[p] < order[p].length && state.ready(order[p][next[p]])) {
                    state.complete(order[p][next[p]++]);
                    left--;
                    progress = true;
                }
            }
        }
        if (left == 0) return null;
        for (int p = 0; p < order.length; p++) {
            if (next[p] < order[p].length) {
                return "the plan's orders deadlock: lane " + lanes.processor(p).name() + " waits for " + graph.task(order[p][next[p]]).label()
                        + " after " + next[p] + " of its " + order[p].length + " tasks, and the predecessors it needs are"
                        + " planned behind tasks that wait themselves (the per-lane orders are not a linear extension of"
                        + " the dependencies)";
            }
        }
        throw new AssertionError("unreachable: tasks left but every lane at its end");
    }
}
