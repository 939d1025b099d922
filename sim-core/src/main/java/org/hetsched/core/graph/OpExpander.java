package org.hetsched.core.graph;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;

/**
 * Turns a template's plan ops into concrete ops for one chunk and layer, following the shapes of
 * reference/models.md. Single-threaded; holds no state besides the model and chunk size.
 */
final class OpExpander {
    private final ModelSpec model;
    private final int tokens;
    private final int hotChannels;

    OpExpander(ModelSpec model, int chunkTokens, int hotChannels) {
        this.model = model;
        this.tokens = chunkTokens;
        this.hotChannels = hotChannels;
    }

    List<Op> expand(SubgraphTemplate template, int layer, int contextTokens, boolean lastChunk) {
        boolean lastLayer = layer == model.layers() - 1;
        List<Op> ops = new ArrayList<>();
        for (PlanOp op : template.ops()) {
            switch (op) {
                case EMBEDDING -> ops.add(Op.elementwise(OpKind.EMBEDDING, "embedding", 1, tokens, model.hiddenSize()));
                case INPUT_NORM -> ops.add(norm("input_norm"));
                case QKV -> qkv(ops);
                case ROPE -> ops.add(Op.elementwise(OpKind.ROPE, "rope", 1, tokens,
                        model.queryWidth() + model.kvWidth()));
                case KV_APPEND -> ops.add(Op.elementwise(OpKind.KV_APPEND, "kv_append", 1, tokens, 2 * model.kvWidth()));
                case ATTENTION -> attention(ops, contextTokens);
                case QUANTIZE -> ops.add(Op.elementwise(OpKind.QUANTIZE, "quantize", 1, tokens, model.queryWidth()));
                case O_PROJ -> ops.add(linear("o_proj", model.queryWidth(), model.hiddenSize()));
                case DEQUANTIZE -> ops.add(Op.elementwise(OpKind.DEQUANTIZE, "dequantize", 1, tokens, model.hiddenSize()));
                case RESIDUAL -> ops.add(Op.elementwise(OpKind.ELEMENTWISE, "residual_add", 1, tokens, model.hiddenSize()));
                case POST_ATTENTION_NORM -> {
                    if (!model.parallelAttentionMlp()) ops.add(norm("post_attention_norm"));
                }
                case FFN -> ffn(ops);
                case NEXT_LAYER_QKV -> {
                    if (!lastLayer) {
                        ops.add(norm("next_input_norm"));
                        qkv(ops);
                    }
                }
                case FINAL_NORM -> ops.add(norm("final_norm"));
                case LM_HEAD -> {
                    if (lastChunk) ops.add(new Op(OpKind.LINEAR, "lm_head", 1, 1, model.hiddenSize(), model.vocabSize()));
                }
                case SHADOW_OUTLIERS -> shadow(ops, lastLayer);
                default -> throw new IllegalStateException("unhandled plan op " + op);
            }
        }
        return ops;
    }

    private Op norm(String label) {
        return Op.elementwise(OpKind.NORM, label, 1, tokens, model.hiddenSize());
    }

    private Op linear(String label, int in, int out) {
        return new Op(OpKind.LINEAR, label, 1, tokens, in, out);
    }

    private void qkv(List<Op> ops) {
        ops.add(linear("q_proj", model.hiddenSize(), model.queryWidth()));
        ops.add(linear("k_proj", model.hiddenSize(), model.kvWidth()));
        ops.add(linear("v_proj", model.hiddenSize(), model.kvWidth()));
    }

    private void attention(List<Op> ops, int context) {
        int heads = model.attentionHeads();
        ops.add(new Op(OpKind.ATTENTION_SCORE, "qk", heads, tokens, model.headDim(), context));
        ops.add(Op.elementwise(OpKind.SOFTMAX, "softmax", heads, tokens, context));
        ops.add(new Op(OpKind.ATTENTION_VALUE, "av", heads, tokens, context, model.headDim()));
    }

    private void ffn(List<Op> ops) {
        int d = model.hiddenSize();
        int f = model.ffnSize();
        if (model.ffnKind() == FfnKind.PLAIN_GELU) {
            ops.add(linear("fc1", d, f));
            ops.add(Op.elementwise(OpKind.ACTIVATION, "gelu", 1, tokens, f));
            ops.add(linear("fc2", f, d));
        } else {
            ops.add(linear("ffn_gate", d, f));
            ops.add(linear("ffn_up", d, f));
            ops.add(Op.elementwise(OpKind.ACTIVATION,
                    model.ffnKind() == FfnKind.GATED_GELU ? "geglu" : "swiglu", 1, tokens, f));
            ops.add(linear("ffn_down", f, d));
        }
    }

    /** One sparse float multiply per linear the NPU work of this layer runs, plus the merge adds. */
    private void shadow(List<Op> ops, boolean lastLayer) {
        int d = model.hiddenSize();
        int f = model.ffnSize();
        shadowLinear(ops, "o_proj", Math.min(hotChannels, model.queryWidth()), d);
        int ffnIn = Math.min(hotChannels, d);
        if (model.ffnKind().gated()) {
            shadowLinear(ops, "ffn_gate", ffnIn, f);
            shadowLinear(ops, "ffn_up", ffnIn, f);
            shadowLinear(ops, "ffn_down", Math.min(hotChannels, f), d);
        } else {
            shadowLinear(ops, "fc1", ffnIn, f);
            shadowLinear(ops, "fc2", Math.min(hotChannels, f), d);
        }
        if (!lastLayer) {
            shadowLinear(ops, "q_proj", ffnIn, model.queryWidth());
            shadowLinear(ops, "k_proj", ffnIn, model.kvWidth());
            shadowLinear(ops, "v_proj", ffnIn, model.kvWidth());
        }
    }

    private void shadowLinear(List<Op> ops, String linear, int channels, int out) {
        ops.add(new Op(OpKind.SHADOW_LINEAR, "shadow_" + linear, 1, tokens, channels, out));
        ops.add(Op.elementwise(OpKind.ELEMENTWISE, "shadow_merge_" + linear, 1, tokens, out));
    }
}
