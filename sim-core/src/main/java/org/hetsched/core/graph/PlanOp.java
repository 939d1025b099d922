package org.hetsched.core.graph;

/**
 * The vocabulary partition plans are written in: each entry expands to concrete {@link Op}s once
 * the model, the chunk and the layer are known (see {@code OpExpander}).
 */
public enum PlanOp {
    /** Token embedding lookup: m × d. */
    EMBEDDING,
    /** The current layer's input norm (before attention). */
    INPUT_NORM,
    /** Q, K, V projections of the current layer. */
    QKV,
    /** Rotary position embedding on queries and keys. */
    ROPE,
    /** Append this chunk's K and V to the layer's cache. */
    KV_APPEND,
    /** Q·Kᵀ, softmax, ·V over the chunk's context (every earlier chunk plus itself). */
    ATTENTION,
    /** Quantise the attention output to INT8 for an NPU O projection. */
    QUANTIZE,
    /** Output projection. */
    O_PROJ,
    /** Dequantise an INT8 result back to float. */
    DEQUANTIZE,
    /** Residual add. */
    RESIDUAL,
    /** Norm before the FFN; nothing for models whose attention and MLP share one norm. */
    POST_ATTENTION_NORM,
    /** The feed-forward block: gate/up/activation/down, or fc1/activation/fc2. */
    FFN,
    /** The next layer's input norm and Q, K, V projections; nothing after the last layer. */
    NEXT_LAYER_QKV,
    /** Final norm after the last layer. */
    FINAL_NORM,
    /** LM head over the last real prompt token; only in the last chunk. */
    LM_HEAD,
    /**
     * Float multiplies of the out-of-range activations (the hot outlier channels) against the
     * weights of every linear in the layer's NPU work: O projection, FFN, next layer's Q/K/V.
     */
    SHADOW_OUTLIERS
}
