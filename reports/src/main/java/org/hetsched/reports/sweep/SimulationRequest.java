package org.hetsched.reports.sweep;

import java.util.List;

/**
 * One simulation as a user names it.
 *
 * @param model                   catalog name or path to a Hugging Face config.json
 * @param device                  built-in profile name or path to a profile JSON
 * @param plan                    built-in plan name or path to a plan JSON
 * @param policy                  policy name
 * @param promptTokens            real prompt tokens
 * @param chunkTokens             tokens per chunk
 * @param shadowLayers            layers whose outliers are kept, or {@code null} for the plan's default
 * @param includeGraphPreparation charge one-time graph preparation inside the makespan
 * @param includeDispatchOverhead add the profile's per-dispatch overhead to every task
 */
public record SimulationRequest(String model, String device, String plan, String policy, int promptTokens,
                                int chunkTokens, List<Integer> shadowLayers, boolean includeGraphPreparation,
                                boolean includeDispatchOverhead) {

    /** The built-in defaults: Qwen1.5-1.8B on the Snapdragon 8 Gen 3, 1024 tokens in chunks of 256, llm.npu, in-order. */
    public static final SimulationRequest DEFAULTS =
            new SimulationRequest("qwen1.5-1.8b", "sd8gen3", "llm.npu", "in-order", 1024, 256, null, false, false);

    public SimulationRequest {
        shadowLayers = shadowLayers == null ? null : List.copyOf(shadowLayers);
    }
}
