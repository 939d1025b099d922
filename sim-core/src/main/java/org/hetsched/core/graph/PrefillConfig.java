package org.hetsched.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hetsched.core.UserInputException;
import org.hetsched.core.model.ModelSpec;

/**
 * What one prefill run is: model, partition plan, prompt length, chunk size and shadow layers.
 *
 * @param model        the architecture
 * @param plan         how a chunk is cut into subgraphs
 * @param promptTokens real prompt tokens (the last chunk is padded up to {@code chunkTokens})
 * @param chunkTokens  tokens per chunk; every chunk's static graphs have this many rows
 * @param shadowLayers layers whose activation outliers are kept and corrected on the float side;
 *                     empty when the plan has no SHADOW subgraph; iterated in ascending order
 */
public record PrefillConfig(ModelSpec model, PartitionPlan plan, int promptTokens, int chunkTokens,
                            Set<Integer> shadowLayers) {

    /** Checks every field and reports all problems at once. */
    public PrefillConfig {
        List<String> problems = new ArrayList<>();
        if (promptTokens <= 0) problems.add("prompt length must be > 0 tokens, got " + promptTokens);
        if (chunkTokens <= 0) problems.add("chunk size must be > 0 tokens, got " + chunkTokens);
        if (promptTokens > 0) {
            // without a valid chunk size, still say whether the prompt itself fits (one-token chunks pad nothing)
            String context = contextProblem(model, promptTokens, Math.max(chunkTokens, 1));
            if (context != null) problems.add(context);
        }
        SortedSet<Integer> sorted = new TreeSet<>(shadowLayers);
        for (int layer : sorted) {
            if (layer < 0 || layer >= model.layers()) {
                problems.add("shadow layer " + layer + " is outside 0.." + (model.layers() - 1) + " of " + model.name());
            }
        }
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        shadowLayers = Collections.unmodifiableSortedSet(sorted);
    }

    /**
     * Why {@code promptTokens} in chunks of {@code chunkTokens} does not fit {@code model}'s context,
     * or {@code null} when it fits. Both sizes must be positive. The last chunk is padded to a whole
     * chunk and its attention reads every padded row's K/V, so the padded prompt must fit as well.
     */
    public static String contextProblem(ModelSpec model, int promptTokens, int chunkTokens) {
        if (promptTokens > model.maxContextTokens()) {
            return "prompt length " + promptTokens + " exceeds the max context of " + model.name()
                    + " (" + model.maxContextTokens() + " tokens)";
        }
        long paddedPrompt = ((long) promptTokens + chunkTokens - 1) / chunkTokens * chunkTokens;
        if (paddedPrompt > model.maxContextTokens()) {
            return "chunk size " + chunkTokens + " pads the " + promptTokens + "-token prompt to " + paddedPrompt
                    + " tokens, beyond the max context of " + model.name() + " (" + model.maxContextTokens() + " tokens)";
        }
        return null;
    }

    /**
     * A configuration whose shadow layers are the plan's default: {@link ShadowSettings#keptLayers}
     * layers, taken from both ends of the stack inwards (0, L−1, 1, L−2, ...).
     *
     * <p>Why the ends: the paper ranks layers by measured outlier importance, which is not published
     * per model, so the default is an assumption; pass measured layers to the canonical
     * constructor instead.
     */
    public static PrefillConfig withDefaultShadowLayers(ModelSpec model, PartitionPlan plan, int promptTokens,
                                                        int chunkTokens) {
        return new PrefillConfig(model, plan, promptTokens, chunkTokens, defaultShadowLayers(model, plan));
    }

    /** The default shadow layers of {@link #withDefaultShadowLayers}. */
    public static SortedSet<Integer> defaultShadowLayers(ModelSpec model, PartitionPlan plan) {
        if (plan.shadow() == null) return new TreeSet<>();
        return outerLayers(model.layers(), plan.shadow().keptLayers(model.layers()));
    }

    /**
     * The {@code kept} layers of {@code layers} that keep their outliers when the rest are pruned:
     * the outermost first, alternating from the first and the last layer.
     */
    public static SortedSet<Integer> outerLayers(int layers, int kept) {
        SortedSet<Integer> chosen = new TreeSet<>();
        for (int low = 0, high = layers - 1; chosen.size() < Math.min(kept, layers); low++, high--) {
            chosen.add(low);
            if (chosen.size() < kept) chosen.add(high);
        }
        return chosen;
    }

    /** Number of chunks: the prompt length divided by the chunk size, rounded up. */
    public int chunks() {
        return (promptTokens + chunkTokens - 1) / chunkTokens;
    }

    /** Padding rows in the last chunk: {@code chunks·chunkTokens − promptTokens}. */
    public int paddedTokens() {
        return chunks() * chunkTokens - promptTokens;
    }

    /**
     * Keys/values the attention of chunk i reads: {@code (i+1)·chunkTokens}, capped at
     * {@code window + chunkTokens} for sliding-window models (the chunk's queries see at most the
     * window before the chunk plus the chunk itself).
     */
    public int contextTokens(int chunk) {
        long full = (long) (chunk + 1) * chunkTokens;
        int window = model.slidingWindowTokens();
        if (window > 0) full = Math.min(full, (long) window + chunkTokens);
        return (int) full;
    }
}
