package org.hetsched.profiles.load;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hetsched.core.UserInputException;

/**
 * The work to schedule, as a user names it: a prefill (model, device, plan, prompt, chunk) or a
 * generic task graph file. Every experiment (a simulation, a comparison, a sweep point, a chunk
 * tuning candidate, a replay) is asked for in this form and resolved by {@link Workload#resolve};
 * nothing is checked here, so that the resolver can report every problem at once.
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
 * @param includeContention       apply the profile's shared-memory contention when it has
 *                                {@code contention} entries (off changes nothing for a profile
 *                                without them); off is for measuring what contention costs
 */
public record WorkloadRequest(String model, String device, String plan, String graph, int promptTokens, int chunkTokens,
                              List<Integer> shadowLayers, boolean includeGraphPreparation,
                              boolean includeDispatchOverhead, boolean includeContention) {

    /** The built-in defaults: Qwen1.5-1.8B on the Snapdragon 8 Gen 3, 1024 tokens in chunks of 256, llm.npu. */
    public static final WorkloadRequest DEFAULTS =
            new WorkloadRequest("qwen1.5-1.8b", "sd8gen3", "llm.npu", null, 1024, 256, null, false, false);

    public WorkloadRequest {
        shadowLayers = shadowLayers == null ? null : List.copyOf(shadowLayers);
    }

    /** A request with the profile's contention applied when it has any (the default). */
    public WorkloadRequest(String model, String device, String plan, String graph, int promptTokens, int chunkTokens,
                           List<Integer> shadowLayers, boolean includeGraphPreparation, boolean includeDispatchOverhead) {
        this(model, device, plan, graph, promptTokens, chunkTokens, shadowLayers, includeGraphPreparation, includeDispatchOverhead, true);
    }

    /** This request with contention applied (when the profile has it) or left out. */
    public WorkloadRequest withContention(boolean include) {
        return new WorkloadRequest(model, device, plan, graph, promptTokens, chunkTokens, shadowLayers, includeGraphPreparation,
                includeDispatchOverhead, include);
    }

    /**
     * Shadow layers as a user writes them: {@code default} (the plan's default, {@code null}),
     * {@code none} (an empty list) or a comma-separated list of layer numbers such as {@code 0,1,22}.
     *
     * @throws UserInputException naming the first part that is not a layer number
     */
    public static List<Integer> parseShadowLayers(String text) {
        if (text.equals("default")) return null;
        List<Integer> layers = new ArrayList<>();
        if (text.equals("none")) return layers;
        for (String part : text.split(",")) {
            try {
                layers.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new UserInputException("'" + part.trim()
                        + "' is not a layer number (expected 'default', 'none' or a list such as 0,1,22)");
            }
        }
        return layers;
    }

    /** {@code layers} in the form {@link #parseShadowLayers} reads. */
    public static String formatShadowLayers(List<Integer> layers) {
        if (layers == null) return "default";
        if (layers.isEmpty()) return "none";
        return layers.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
