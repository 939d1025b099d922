package org.hetsched.core.graph;

/**
 * What an op is within the decoder's prefill dataflow: the step of a layer (or of the prologue or
 * epilogue) it computes. {@link Op#label()} is derived from it, so traces keep stable names.
 *
 * <p>The shadow steps ({@link #SHADOW}, {@link #SHADOW_MERGE}) correct one linear, named by
 * {@link Op#corrects()}. {@link #PROBE} is an op known only by its kind and shape (a profiling
 * probe or a hand-written cost query), outside any dataflow.
 */
public enum OpStep {
    EMBEDDING("embedding"),
    /** The input norm of a layer at the start of its own block. */
    INPUT_NORM("input_norm"),
    /** The input norm of a layer computed at the end of the previous layer's block. */
    NEXT_INPUT_NORM("next_input_norm"),
    Q_PROJ("q_proj", true),
    K_PROJ("k_proj", true),
    V_PROJ("v_proj", true),
    ROPE("rope"),
    KV_APPEND("kv_append"),
    /** Q·Kᵀ per head. */
    SCORE("qk"),
    SOFTMAX("softmax"),
    /** softmax(Q·Kᵀ)·V per head. */
    VALUE("av"),
    QUANTIZE("quantize"),
    O_PROJ("o_proj", true),
    DEQUANTIZE("dequantize"),
    /** The attention output added to the residual stream. */
    ATTENTION_RESIDUAL("residual_add"),
    POST_ATTENTION_NORM("post_attention_norm"),
    FFN_GATE("ffn_gate", true),
    FFN_UP("ffn_up", true),
    /** SiLU(gate)·up. */
    SWIGLU("swiglu"),
    /** GELU(gate)·up. */
    GEGLU("geglu"),
    FFN_DOWN("ffn_down", true),
    /** The up projection of a plain MLP. */
    FC1("fc1", true),
    /** GELU of a plain MLP's fc1 output. */
    GELU("gelu"),
    /** The down projection of a plain MLP. */
    FC2("fc2", true),
    /** The FFN output added to the residual stream. */
    FFN_RESIDUAL("residual_add"),
    FINAL_NORM("final_norm"),
    LM_HEAD("lm_head", true),
    /** The float multiply of a linear's out-of-range input channels against its weights. */
    SHADOW("shadow_"),
    /** The merge of a shadow product into its linear's output. */
    SHADOW_MERGE("shadow_merge_"),
    /** An op outside the dataflow, known by kind and shape only. */
    PROBE("op");

    private final String label;
    private final boolean linear;

    OpStep(String label) {
        this(label, false);
    }

    OpStep(String label, boolean linear) {
        this.label = label;
        this.linear = linear;
    }

    /** The stable name of the step in traces; for shadow steps the prefix of the corrected linear's name. */
    public String label() {
        return label;
    }

    /** Whether the step multiplies by one of the model's weight matrices. */
    public boolean linear() {
        return linear;
    }

    /** Whether the step is the FFN's activation (gated or plain). */
    public boolean activation() {
        return this == SWIGLU || this == GEGLU || this == GELU;
    }

    /** Whether the activation is gated (it reads the gate and up projections). */
    public boolean gatedActivation() {
        return this == SWIGLU || this == GEGLU;
    }
}
