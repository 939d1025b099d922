package org.hetsched.core.graph;

import java.util.Arrays;

/**
 * The cross-chunk dependency rule, kept compact: the consumer of group g in chunk i (an attention
 * task) depends on every producer of group g in every chunk k &lt; i (the tasks that produce the
 * layer's K/V). Materialised, these edges grow with chunks² × layers; here they cost O(tasks).
 *
 * <p>Immutable. Producers of one group have the same count in every chunk.
 */
public final class KvRule {
    private final int chunks;
    private final int[] producerGroup;
    private final int[] consumerGroup;
    private final int[] consumerTask;
    private final int[] producersPerChunk;

    /**
     * @param chunks            chunk count
     * @param producerGroup     per task, the group it produces K/V for, or -1
     * @param consumerGroup     per task, the group it consumes, or -1
     * @param consumerTask      per (group·chunks + chunk), the consuming task id
     * @param producersPerChunk per group, how many tasks of one chunk produce for it
     */
    KvRule(int chunks, int[] producerGroup, int[] consumerGroup, int[] consumerTask, int[] producersPerChunk) {
        this.chunks = chunks;
        this.producerGroup = producerGroup;
        this.consumerGroup = consumerGroup;
        this.consumerTask = consumerTask;
        this.producersPerChunk = producersPerChunk;
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

    /** Number of dependencies the rule stands for: Σ_g producers(g) · chunks·(chunks−1)/2. */
    public long impliedEdgeCount() {
        long perGroupPairs = (long) chunks * (chunks - 1) / 2;
        return Arrays.stream(producersPerChunk).asLongStream().map(p -> p * perGroupPairs).sum();
    }
}
