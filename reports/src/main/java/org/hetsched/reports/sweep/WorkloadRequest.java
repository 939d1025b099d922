package org.hetsched.reports.sweep;

import java.util.List;

/**
 * The work to schedule, as a user names it: a prefill (model, device, plan, prompt, chunk) or a
 * generic task graph file.
 *
 * @param model                   catalog name or path to a Hugging Face config.json
 * @param device                  built-in profile name or path to a profile JSON
 * @param plan                    built-in plan name or path to a plan JSON
 * @param graph                   path to a task graph JSON, which replaces model, device, plan,
 *                                prompt and chunk; {@code null} for a prefill
 * @param promptTokens            real prompt tokens
 * @param chunkTokens             tokens per chunk
 * @param shadowLayers            layers whose outliers are kept, or {@code null} for the plan's default
 * @param includeGraphPreparation charge one-time graph preparation inside the makespan
 * @param includeDispatchOverhead add the profile's per-dispatch overhead to every task
 */
public record WorkloadRequest(String model, String device, String plan, String graph, int promptTokens, int chunkTokens,
                              List<Integer> shadowLayers, boolean includeGraphPreparation,
                              boolean includeDispatchOverhead) {

    /** The built-in defaults: Qwen1.5-1.8B on the Snapdragon 8 Gen 3, 1024 tokens in chunks of 256, llm.npu. */
    public static final WorkloadRequest DEFAULTS =
            new WorkloadRequest("qwen1.5-1.8b", "sd8gen3", "llm.npu", null, 1024, 256, null, false, false);

    public WorkloadRequest {
        shadowLayers = shadowLayers == null ? null : List.copyOf(shadowLayers);
    }
}
