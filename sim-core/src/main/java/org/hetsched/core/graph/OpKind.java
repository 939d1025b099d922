package org.hetsched.core.graph;

/**
 * What an op computes. Matrix-multiply kinds are priced by multiply-accumulates, the others by
 * the elements they touch (they are memory-bound).
 */
public enum OpKind {
    EMBEDDING(false),
    NORM(false),
    ROPE(false),
    KV_APPEND(false),
    /** Q·Kᵀ per head. */
    ATTENTION_SCORE(true),
    SOFTMAX(false),
    /** softmax(Q·Kᵀ)·V per head. */
    ATTENTION_VALUE(true),
    /** A weight matrix multiply; its dtype is the placement's linear dtype. */
    LINEAR(true),
    ACTIVATION(false),
    ELEMENTWISE(false),
    QUANTIZE(false),
    DEQUANTIZE(false),
    /** The float multiply of the sparse out-of-range activations against a linear's weights. */
    SHADOW_LINEAR(true);

    private final boolean matmul;

    OpKind(boolean matmul) {
        this.matmul = matmul;
    }

    /** Whether the op is a (batched) matrix multiply priced by MACs. */
    public boolean matmul() {
        return matmul;
    }
}
