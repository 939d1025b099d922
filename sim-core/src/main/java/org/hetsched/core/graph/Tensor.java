package org.hetsched.core.graph;

/**
 * The named values of the prefill dataflow that ops read and write (see {@link TensorRef}).
 * Quantise and dequantise change a value's representation, not its identity: they read and write
 * the same tensor.
 */
public enum Tensor {
    /** The chunk's token ids. */
    TOKENS(false),
    /** The residual stream, updated in place by the embedding and every residual add. */
    HIDDEN(false),
    /** A layer's input norm output (what Q/K/V read, and the FFN of a parallel-attention model). */
    NORMED(true),
    Q(true),
    K(true),
    V(true),
    /** A layer's K/V cache (every chunk's keys and values so far). */
    KV_CACHE(true),
    /** Attention scores, then (after softmax, in place) probabilities. */
    SCORES(true),
    /** softmax(Q·Kᵀ)·V: the O projection's input. */
    ATTENTION(true),
    /** The O projection's output. */
    ATTENTION_OUT(true),
    /** The post-attention norm's output: the FFN's input. */
    FFN_INPUT(true),
    GATE(true),
    /** The up projection (fc1 for a plain MLP). */
    UP(true),
    /** The activation's output: the down projection's input. */
    FFN_HIDDEN(true),
    /** The down projection's output. */
    FFN_OUT(true),
    /** A shadow multiply's product, before it is merged into its linear's output. */
    SHADOW_PRODUCT(true),
    /** The final norm's output. */
    FINAL(false),
    LOGITS(false);

    private final boolean perLayer;

    Tensor(boolean perLayer) {
        this.perLayer = perLayer;
    }

    /** Whether each layer has its own copy (so a reference names the layer). */
    public boolean perLayer() {
        return perLayer;
    }
}
