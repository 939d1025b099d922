package org.hetsched.core.model;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.UserInputException;

/**
 * A decoder-only Transformer architecture: everything the prefill graph needs to size its ops.
 *
 * @param name                 catalog name or the file it came from
 * @param layers               decoder layers
 * @param hiddenSize           model width d
 * @param attentionHeads       query heads h
 * @param kvHeads              key/value heads h_kv (h_kv = h: multi-head; 1: multi-query)
 * @param headDim              d_h, which need not be hiddenSize / attentionHeads (Gemma)
 * @param ffnSize              intermediate size f of the feed-forward block
 * @param ffnKind              gated or plain feed-forward
 * @param normKind             RMSNorm or LayerNorm
 * @param parallelAttentionMlp attention and MLP read the same normalised input (Phi-2)
 * @param vocabSize            vocabulary entries (embedding rows, LM-head outputs)
 * @param maxContextTokens     longest sequence the model accepts
 * @param slidingWindowTokens  attention window, or 0 for full causal attention
 * @param normEpsilon          the epsilon added to the variance (or mean square) in every norm:
 *                             {@code rms_norm_eps} or {@code layer_norm_eps} of the model's config
 * @param ropeTheta            the base of the rotary position embedding's frequencies,
 *                             {@code rope_theta} of the model's config
 */
public record ModelSpec(
        String name,
        int layers,
        int hiddenSize,
        int attentionHeads,
        int kvHeads,
        int headDim,
        int ffnSize,
        FfnKind ffnKind,
        NormKind normKind,
        boolean parallelAttentionMlp,
        int vocabSize,
        int maxContextTokens,
        int slidingWindowTokens,
        double normEpsilon,
        double ropeTheta) {

    /** Checks every field and reports all problems at once. */
    public ModelSpec {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) problems.add("name is empty");
        positive(problems, "layers", layers);
        positive(problems, "hidden size", hiddenSize);
        positive(problems, "attention heads", attentionHeads);
        positive(problems, "KV heads", kvHeads);
        positive(problems, "head dim", headDim);
        positive(problems, "FFN size", ffnSize);
        positive(problems, "vocabulary size", vocabSize);
        positive(problems, "max context", maxContextTokens);
        if (slidingWindowTokens < 0) problems.add("sliding window must be >= 0, got " + slidingWindowTokens);
        if (kvHeads > 0 && attentionHeads > 0 && attentionHeads % kvHeads != 0) {
            problems.add("attention heads (" + attentionHeads + ") must be a multiple of KV heads (" + kvHeads + ")");
        }
        if (!(normEpsilon > 0) || Double.isInfinite(normEpsilon)) problems.add("norm epsilon must be > 0 and finite, got " + normEpsilon);
        if (!(ropeTheta > 0) || Double.isInfinite(ropeTheta)) problems.add("RoPE theta must be > 0 and finite, got " + ropeTheta);
        if (ffnKind == null) problems.add("FFN kind is missing");
        if (normKind == null) problems.add("norm kind is missing");
        if (!problems.isEmpty()) {
            throw new UserInputException("model '" + name + "': " + String.join("; ", problems));
        }
    }

    private static void positive(List<String> problems, String field, int value) {
        if (value <= 0) problems.add(field + " must be > 0, got " + value);
    }

    /** Width of the query projection output, h·d_h. */
    public int queryWidth() {
        return attentionHeads * headDim;
    }

    /** Width of each of the key and value projection outputs, h_kv·d_h. */
    public int kvWidth() {
        return kvHeads * headDim;
    }
}
