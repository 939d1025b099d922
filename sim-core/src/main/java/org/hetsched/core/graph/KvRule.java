package org.hetsched.core.graph;

import java.util.Arrays;

/**
 * The cross-chunk dependency rule, kept compact: the consumer of group g in chunk i (an attention
 * task) depends on every producer of group g in every chunk k &lt; i (the tasks that produce the
 * layer's K/V). Materialised, these edges grow with chunks² × layers; here they cost O(tasks).
 *
 * <p>The producers of (g, i) are listed explicitly ({@link #producer}); every reader of the rule
 * asks for them here rather than inferring them from the graph's explicit edges.
 *
 * <p>Immutable. Producers of one group have the same count in every chunk; the constructor checks
 * that, and that producer and consumer lists agree with the per-task group arrays.
 */
public final class KvRule {
    private final int chunks;
    private final int[] producerGroup;
    private final int[] consumerGroup;
    private final int[] consumerTask;
    private final int[] producersPerChunk;
    /** Per group, where its producers start in {@link #producerTask}; chunk-major within a group. */
    private final int[] producerStart;
    private final int[] producerTask;

    /**
     * @param chunks            chunk count
     * @param producerGroup     per task, the group it produces K/V for, or -1
     * @param consumerGroup     per task, the group it consumes, or -1
     * @param consumerTask      per (group·chunks + chunk), the consuming task id
     * @param producersPerChunk per group, how many tasks of one chunk produce for it
     * @param producerTask      per group, per chunk, its producers: group g's chunk c lists
     *                          {@code producersPerChunk[g]} ids starting at
     *                          {@code Σ_{h<g} producersPerChunk[h]·chunks + c·producersPerChunk[g]}
     * @throws IllegalStateException if the arrays disagree (the values are in the message)
     */
    KvRule(int chunks, int[] producerGroup, int[] consumerGroup, int[] consumerTask, int[] producersPerChunk,
           int[] producerTask) {
        this.chunks = chunks;
        this.producerGroup = producerGroup;
        this.consumerGroup = consumerGroup;
        this.consumerTask = consumerTask;
        this.producersPerChunk = producersPerChunk;
        this.producerTask = producerTask;
        int groups = producersPerChunk.length;
        producerStart = new int[groups + 1];
        for (int g = 0; g < groups; g++) producerStart[g + 1] = producerStart[g] + producersPerChunk[g] * chunks;
        check();
    }

    private void check() {
        int groups = producersPerChunk.length;
        int tasks = producerGroup.length;
        if (consumerGroup.length != tasks || consumerTask.length != groups * chunks || producerTask.length != producerStart[groups]) {
            throw new IllegalStateException("K/V rule arrays disagree: " + tasks + " producer groups, " + consumerGroup.length
                    + " consumer groups, " + consumerTask.length + " consumers for " + groups + " groups x " + chunks
                    + " chunks, " + producerTask.length + " producers where the counts " + Arrays.toString(producersPerChunk)
                    + " make " + producerStart[groups]);
        }
        int[] listed = new int[groups];
        boolean[] seen = new boolean[tasks];
        for (int g = 0; g < groups; g++) {
            for (int c = 0; c < chunks; c++) {
                int consumer = consumer(g, c);
                if (consumer < 0 || consumer >= tasks || consumerGroup[consumer] != g) {
                    throw new IllegalStateException("K/V rule: the consumer of group " + g + " chunk " + c + " is task " + consumer
                            + ", whose consumer group is " + (consumer < 0 || consumer >= tasks ? "undefined" : consumerGroup[consumer]));
                }
                for (int k = 0; k < producersPerChunk[g]; k++) {
                    int p = producer(g, c, k);
                    if (p < 0 || p >= tasks || producerGroup[p] != g || seen[p] || p >= consumer) {
                        throw new IllegalStateException("K/V rule: producer " + k + " of group " + g + " chunk " + c + " is task " + p
                                + (p < 0 || p >= tasks ? ", not a task of the " + tasks
                                : ", whose producer group is " + producerGroup[p] + (seen[p] ? ", listed twice" : "")
                                + ", and must precede consumer " + consumer));
                    }
                    seen[p] = true;
                }
            }
        }
        for (int t = 0; t < tasks; t++) {
            if (producerGroup[t] >= groups) {
                throw new IllegalStateException("K/V rule: task " + t + " produces for group " + producerGroup[t] + " of " + groups);
            }
            if (producerGroup[t] >= 0) listed[producerGroup[t]]++;
        }
        for (int g = 0; g < groups; g++) {
            if (listed[g] != producersPerChunk[g] * chunks) {
                throw new IllegalStateException("K/V rule: " + listed[g] + " tasks produce for group " + g + ", but it lists "
                        + producersPerChunk[g] + " per chunk x " + chunks + " chunks");
            }
        }
    }

    public int groupCount() {
        return producersPerChunk.length;
    }

    /** The group task {@code id} produces K/V for, or -1. */
    public int producerGroup(int id) {
        return producerGroup[id];
    }

    /** The group task {@code id} reads the K/V of, or -1. */
    public int consumerGroup(int id) {
        return consumerGroup[id];
    }

    /** The consumer (attention) task of {@code group} in {@code chunk}. */
    public int consumer(int group, int chunk) {
        return consumerTask[group * chunks + chunk];
    }

    /** Producers of {@code group} in each single chunk. */
    public int producersPerChunk(int group) {
        return producersPerChunk[group];
    }

    /**
     * The {@code index}-th producer of {@code group} in {@code chunk}, below
     * {@link #producersPerChunk}.
     */
    public int producer(int group, int chunk, int index) {
        return producerTask[producerStart[group] + chunk * producersPerChunk[group] + index];
    }

    /** Number of dependencies the rule stands for: Σ_g producers(g) · chunks·(chunks−1)/2. */
    public long impliedEdgeCount() {
        long perGroupPairs = (long) chunks * (chunks - 1) / 2;
        return Arrays.stream(producersPerChunk).asLongStream().map(p -> p * perGroupPairs).sum();
    }
}
