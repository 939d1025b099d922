package org.hetsched.core.model;

/** The shape of a layer's feed-forward block. */
public enum FfnKind {
    /** gate and up projections, SiLU on the gate, element-wise product, down projection. */
    GATED_SILU(true),
    /** as {@link #GATED_SILU} with GELU (GeGLU, Gemma). */
    GATED_GELU(true),
    /** one up projection (fc1), GELU, one down projection (fc2); Phi-2. */
    PLAIN_GELU(false);

    private final boolean gated;

    FfnKind(boolean gated) {
        this.gated = gated;
    }

    /** Whether the block has a separate gate projection (three linears instead of two). */
    public boolean gated() {
        return gated;
    }
}
