package org.hetsched.reports.sweep;

/**
 * One simulation of a sweep, at its position in the sweep's canonical order.
 *
 * @param index position in {@link SweepConfig#points()}
 * @param group index of its workload (model, device, plan, prompt, chunk): points of one group
 *              share one priced graph, and a shard never splits a group
 */
public record SweepPoint(int index, int group, String model, String device, String plan, int promptTokens,
                         int chunkTokens, String policy, long seed) {

    /** Identifies the point across runs, for reusing computed results. */
    public String key() {
        return String.join("|", model, device, plan, Integer.toString(promptTokens), Integer.toString(chunkTokens),
                policy, Long.toString(seed));
    }
}
