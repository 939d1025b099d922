package org.hetsched.reports.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The summary of one simulation in a sweep: its configuration and its numbers. What results.csv
 * holds, what sweep charts plot, and what shards merge.
 *
 * @param model           model name
 * @param device          device name
 * @param plan            partition plan name
 * @param policy          policy name
 * @param promptTokens    real prompt tokens
 * @param chunkTokens     chunk size
 * @param seed            the seed the policy ran with
 * @param makespanNs      prefill latency
 * @param tokensPerSecond real prompt tokens per second
 * @param paddedTokens    padding rows of the last chunk
 * @param tasks           task count
 * @param bubbleRate      idle fraction of the busiest processor
 * @param lowerBoundNs    best lower bound
 * @param processors      processor names, in id order
 * @param utilization     busy fraction per processor, same order
 * @param energyJ         busy energy of the run, J ({@link org.hetsched.core.trace.Metrics#energyJ()}):
 *                        empty (not zero) unless every processor the run used has a power figure
 * @param energyJPerPromptToken energyJ per real prompt token
 *                        ({@link org.hetsched.core.trace.Metrics#energyJPerPromptToken()}); empty
 *                        without energy
 */
public record SweepRow(String model, String device, String plan, String policy, int promptTokens, int chunkTokens,
                       long seed, long makespanNs, double tokensPerSecond, int paddedTokens, int tasks,
                       double bubbleRate, long lowerBoundNs, List<String> processors, List<Double> utilization,
                       OptionalDouble energyJ, OptionalDouble energyJPerPromptToken) {

    public SweepRow {
        processors = List.copyOf(processors);
        utilization = List.copyOf(utilization);
        if (processors.size() != utilization.size()) {
            throw new IllegalArgumentException("one utilisation per processor: " + processors + " vs " + utilization);
        }
        if (energyJ == null || energyJPerPromptToken == null) throw new IllegalArgumentException("energy may be empty, not null");
        if (energyJPerPromptToken.isPresent() && energyJ.isEmpty()) {
            throw new IllegalArgumentException("energy per token " + energyJPerPromptToken.getAsDouble() + " J without an energy");
        }
    }

    /** A row of a run without energy (a processor it used has no power figure). */
    public SweepRow(String model, String device, String plan, String policy, int promptTokens, int chunkTokens,
                    long seed, long makespanNs, double tokensPerSecond, int paddedTokens, int tasks,
                    double bubbleRate, long lowerBoundNs, List<String> processors, List<Double> utilization) {
        this(model, device, plan, policy, promptTokens, chunkTokens, seed, makespanNs, tokensPerSecond, paddedTokens, tasks,
                bubbleRate, lowerBoundNs, processors, utilization, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** Per-token latency in ns: makespan / real prompt tokens (padding is paid, not counted). */
    public double nsPerToken() {
        return (double) makespanNs / promptTokens;
    }

    /** Utilisation by processor name, in processor order. */
    public Map<String, Double> utilizationByProcessor() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < processors.size(); i++) map.put(processors.get(i), utilization.get(i));
        return Collections.unmodifiableMap(map);
    }
}
