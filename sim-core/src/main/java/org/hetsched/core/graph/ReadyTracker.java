package org.hetsched.core.graph;

import java.util.function.IntConsumer;

/**
 * Which tasks of a {@link TaskGraph} have every predecessor finished, explicit and by the
 * {@link KvRule}: the one ready-counter of the engine, the online replayer and the list
 * schedulers. Per task it counts unfinished explicit predecessors, plus one for the K/V gate of
 * an attention task in chunk i &gt; 0, which opens once every producer of its group in chunks below
 * i has finished. Per group it keeps the ready prefix (chunks 0..prefix−1 fully produced) and each
 * chunk's unfinished producers, so the chunks² implied edges are never materialised.
 *
 * <p>{@link #finished} reports what a finish releases, in a fixed order: first the explicit
 * successors in edge order, then the consumers of the chunks the group's prefix passes, in chunk
 * order. Through {@link Listener} a caller can also see each explicit edge and each chunk joining
 * the prefix just before the count it affects drops (the engine raises ready times there).
 *
 * <p>O(tasks + explicit edges) over a whole run, no allocation per call; O(tasks + groups ·
 * chunks) ints. Mutable and single-threaded; {@link ConcurrentReadyTracker} is the thread-safe
 * variant.
 */
public final class ReadyTracker {

    /** What a finish releases. Only {@link #ready} is required. */
    @FunctionalInterface
    public interface Listener {
        /** {@code task}'s last unfinished predecessor has just finished. */
        void ready(int task);

        /**
         * The finished {@code task}'s {@code index}-th explicit edge, to {@code successor}; called
         * before that successor's count drops.
         */
        default void explicitEdge(int task, int index, int successor) {
        }

        /**
         * Every producer of {@code group} in chunks 0..{@code chunk} has finished, and
         * {@code chunk} has just joined the prefix; called before the consumer of
         * {@code chunk + 1}, if any, is counted.
         */
        default void kvChunkReady(int group, int chunk) {
        }
    }

    private final TaskGraph graph;
    private final KvRule kv;
    private final int chunks;
    private final int groups;
    private final int[] waiting;
    private final int[] kvPrefix;
    /** Per (chunk · groups + group), chunk-major: one chunk's producers (neighbouring ids) touch neighbouring memory. */
    private final int[] kvLeft;

    public ReadyTracker(TaskGraph graph) {
        this.graph = graph;
        this.kv = graph.kvRule();
        this.chunks = graph.chunks();
        int n = graph.size();
        waiting = new int[n];
        for (int t = 0; t < n; t++) waiting[t] = graph.explicitPredecessorCount(t);
        groups = kv == null ? 0 : kv.groupCount();
        kvPrefix = new int[groups];
        kvLeft = new int[chunks * groups];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < chunks; i++) kvLeft[i * groups + g] = kv.producersPerChunk(g);
            // chunk 0 reads no earlier chunk; every later consumer also waits for the gate
            for (int i = 1; i < chunks; i++) waiting[kv.consumer(g, i)]++;
        }
    }

    /** Calls {@code sink} with every task that has no predecessor, in id order. */
    public void forEachSource(IntConsumer sink) {
        for (int t = 0; t < waiting.length; t++) {
            if (waiting[t] == 0) sink.accept(t);
        }
    }

    /** Whether every predecessor of {@code task} has finished. */
    public boolean isReady(int task) {
        return waiting[task] == 0;
    }

    /** Unfinished explicit predecessors of {@code task}, plus 1 while its K/V gate is closed. */
    public int unfinishedPredecessors(int task) {
        return waiting[task];
    }

    /** How many leading chunks of {@code group} have every K/V producer finished. */
    public int kvReadyChunks(int group) {
        return kvPrefix[group];
    }

    /** Unfinished K/V producers of {@code group} in {@code chunk}. */
    public int kvProducersLeft(int group, int chunk) {
        return kvLeft[chunk * groups + group];
    }

    /**
     * Records that {@code task} has finished (for a list scheduler: is placed) and tells
     * {@code listener} what that releases. Call once per task, after it became ready.
     */
    public void finished(int task, Listener listener) {
        for (int k = 0, m = graph.explicitSuccessorCount(task); k < m; k++) {
            int succ = graph.explicitSuccessor(task, k);
            listener.explicitEdge(task, k, succ);
            if (--waiting[succ] == 0) listener.ready(succ);
        }
        if (kv == null) return;
        int group = kv.producerGroup(task);
        if (group < 0) return;
        int chunk = graph.task(task).chunk();
        if (--kvLeft[chunk * groups + group] != 0 || chunk != kvPrefix[group]) return;
        while (kvPrefix[group] < chunks && kvLeft[kvPrefix[group] * groups + group] == 0) {
            listener.kvChunkReady(group, kvPrefix[group]);
            int next = ++kvPrefix[group];
            if (next < chunks) {
                int consumer = kv.consumer(group, next);
                if (--waiting[consumer] == 0) listener.ready(consumer);
            }
        }
    }
}
