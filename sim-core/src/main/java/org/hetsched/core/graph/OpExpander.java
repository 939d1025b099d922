package org.hetsched.core.graph;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;

/**
 * Turns a template's plan ops into concrete ops for one chunk and layer, following the shapes of
 * reference/models.md, and says what each op is: its step, its layer and the tensors it reads and
 * writes. This is the one place that knows the decoder's dataflow; every backend reads it from
 * the ops. Single-threaded; holds no state besides the model and chunk size.
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

    /**
     * @param layer    the subgraph's layer, or −1 for prologue and epilogue subgraphs (whose input
     *                 norm and Q/K/V are layer 0's)
     * @param afterFfn whether the layer's FFN ran before this template starts (so its first
     *                 residual add is the FFN's)
     */
    List<Op> expand(SubgraphTemplate template, int layer, int contextTokens, boolean lastChunk, boolean afterFfn) {
        int l = Math.max(layer, 0);
        boolean lastLayer = layer == model.layers() - 1;
        boolean ffnDone = afterFfn;
        List<Op> ops = new ArrayList<>();
        for (PlanOp op : template.ops()) {
            switch (op) {
                case EMBEDDING -> ops.add(elementwise(OpKind.EMBEDDING, OpStep.EMBEDDING, -1, List.of(TensorRef.of(Tensor.TOKENS)),
                        List.of(hidden()), model.hiddenSize()));
                case INPUT_NORM -> ops.add(norm(OpStep.INPUT_NORM, l, TensorRef.of(Tensor.NORMED, l)));
                case QKV -> qkv(ops, l);
                case ROPE -> ops.add(elementwise(OpKind.ROPE, OpStep.ROPE, l, List.of(of(Tensor.Q, l), of(Tensor.K, l)),
                        List.of(of(Tensor.Q, l), of(Tensor.K, l)), model.queryWidth() + model.kvWidth()));
                case KV_APPEND -> ops.add(elementwise(OpKind.KV_APPEND, OpStep.KV_APPEND, l, List.of(of(Tensor.K, l), of(Tensor.V, l)),
                        List.of(of(Tensor.KV_CACHE, l)), 2 * model.kvWidth()));
                case ATTENTION -> {
                    attention(ops, l, contextTokens);
                    ffnDone = false;
                }
                case QUANTIZE -> ops.add(elementwise(OpKind.QUANTIZE, OpStep.QUANTIZE, l, List.of(of(Tensor.ATTENTION, l)),
                        List.of(of(Tensor.ATTENTION, l)), model.queryWidth()));
                case O_PROJ -> {
                    ops.add(linear(OpStep.O_PROJ, l, Tensor.ATTENTION, Tensor.ATTENTION_OUT, model.queryWidth(), model.hiddenSize()));
                    ffnDone = false;
                }
                case DEQUANTIZE -> ops.add(elementwise(OpKind.DEQUANTIZE, OpStep.DEQUANTIZE, l, List.of(of(Tensor.ATTENTION_OUT, l)),
                        List.of(of(Tensor.ATTENTION_OUT, l)), model.hiddenSize()));
                case RESIDUAL -> ops.add(elementwise(OpKind.ELEMENTWISE, ffnDone ? OpStep.FFN_RESIDUAL : OpStep.ATTENTION_RESIDUAL, l,
                        List.of(hidden(), of(ffnDone ? Tensor.FFN_OUT : Tensor.ATTENTION_OUT, l)), List.of(hidden()), model.hiddenSize()));
                case POST_ATTENTION_NORM -> {
                    if (!model.parallelAttentionMlp()) ops.add(norm(OpStep.POST_ATTENTION_NORM, l, of(Tensor.FFN_INPUT, l)));
                }
                case FFN -> {
                    ffn(ops, l);
                    ffnDone = true;
                }
                case NEXT_LAYER_QKV -> {
                    if (!lastLayer) {
                        ops.add(norm(OpStep.NEXT_INPUT_NORM, l + 1, of(Tensor.NORMED, l + 1)));
                        qkv(ops, l + 1);
                    }
                }
                case FINAL_NORM -> ops.add(norm(OpStep.FINAL_NORM, -1, TensorRef.of(Tensor.FINAL)));
                case LM_HEAD -> {
                    if (lastChunk) {
                        ops.add(new Op(OpKind.LINEAR, OpStep.LM_HEAD, -1, null, List.of(TensorRef.of(Tensor.FINAL)),
                                List.of(TensorRef.of(Tensor.LOGITS)), 1, 1, model.hiddenSize(), model.vocabSize()));
                    }
                }
                case SHADOW_OUTLIERS -> shadow(ops, l, lastLayer);
                default -> throw new IllegalStateException("unhandled plan op " + op);
            }
        }
        return ops;
    }

    /** Whether the FFN has run once {@code ops} are done, given whether it had at their start (see {@link #expand}). */
    static boolean afterFfn(List<PlanOp> ops, boolean atStart) {
        boolean done = atStart;
        for (PlanOp op : ops) {
            if (op == PlanOp.FFN) done = true;
            if (op == PlanOp.ATTENTION || op == PlanOp.O_PROJ) done = false;
        }
        return done;
    }

    private static TensorRef of(Tensor tensor, int layer) {
        return TensorRef.of(tensor, layer);
    }

    private static TensorRef hidden() {
        return TensorRef.of(Tensor.HIDDEN);
    }

    /** The tensor the FFN's first linears read: the post-attention norm, or the input norm when attention and MLP run in parallel. */
    private TensorRef ffnInput(int layer) {
        return of(model.parallelAttentionMlp() ? Tensor.NORMED : Tensor.FFN_INPUT, layer);
    }

    private Op elementwise(OpKind kind, OpStep step, int layer, List<TensorRef> reads, List<TensorRef> writes, int n) {
        return elementwise(kind, step, layer, reads, writes, 1, n);
    }

    private Op elementwise(OpKind kind, OpStep step, int layer, List<TensorRef> reads, List<TensorRef> writes, int batch, int n) {
        return new Op(kind, step, layer, null, reads, writes, batch, tokens, 1, n);
    }

    private Op norm(OpStep step, int layer, TensorRef out) {
        return elementwise(OpKind.NORM, step, layer, List.of(hidden()), List.of(out), model.hiddenSize());
    }

    private Op linear(OpStep step, int layer, TensorRef in, TensorRef out, int inWidth, int outWidth) {
        return new Op(OpKind.LINEAR, step, layer, null, List.of(in), List.of(out), 1, tokens, inWidth, outWidth);
    }

    private Op linear(OpStep step, int layer, Tensor in, Tensor out, int inWidth, int outWidth) {
        return linear(step, layer, of(in, layer), of(out, layer), inWidth, outWidth);
    }

    private void qkv(List<Op> ops, int layer) {
        ops.add(linear(OpStep.Q_PROJ, layer, Tensor.NORMED, Tensor.Q, model.hiddenSize(), model.queryWidth()));
        ops.add(linear(OpStep.K_PROJ, layer, Tensor.NORMED, Tensor.K, model.hiddenSize(), model.kvWidth()));
        ops.add(linear(OpStep.V_PROJ, layer, Tensor.NORMED, Tensor.V, model.hiddenSize(), model.kvWidth()));
    }

    private void attention(List<Op> ops, int layer, int context) {
        int heads = model.attentionHeads();
        TensorRef scores = of(Tensor.SCORES, layer);
        TensorRef cache = of(Tensor.KV_CACHE, layer);
        ops.add(new Op(OpKind.ATTENTION_SCORE, OpStep.SCORE, layer, null, List.of(of(Tensor.Q, layer), cache), List.of(scores),
                heads, tokens, model.headDim(), context));
        ops.add(elementwise(OpKind.SOFTMAX, OpStep.SOFTMAX, layer, List.of(scores), List.of(scores), heads, context));
        ops.add(new Op(OpKind.ATTENTION_VALUE, OpStep.VALUE, layer, null, List.of(scores, cache), List.of(of(Tensor.ATTENTION, layer)),
                heads, tokens, context, model.headDim()));
    }

    private void ffn(List<Op> ops, int layer) {
        int d = model.hiddenSize();
        int f = model.ffnSize();
        TensorRef in = ffnInput(layer);
        TensorRef up = of(Tensor.UP, layer);
        TensorRef act = of(Tensor.FFN_HIDDEN, layer);
        if (model.ffnKind() == FfnKind.PLAIN_GELU) {
            ops.add(linear(OpStep.FC1, layer, in, up, d, f));
            ops.add(elementwise(OpKind.ACTIVATION, OpStep.GELU, layer, List.of(up), List.of(act), f));
            ops.add(linear(OpStep.FC2, layer, act, of(Tensor.FFN_OUT, layer), f, d));
        } else {
            TensorRef gate = of(Tensor.GATE, layer);
            ops.add(linear(OpStep.FFN_GATE, layer, in, gate, d, f));
            ops.add(linear(OpStep.FFN_UP, layer, in, up, d, f));
            ops.add(elementwise(OpKind.ACTIVATION, model.ffnKind() == FfnKind.GATED_GELU ? OpStep.GEGLU : OpStep.SWIGLU, layer,
                    List.of(gate, up), List.of(act), f));
            ops.add(linear(OpStep.FFN_DOWN, layer, act, of(Tensor.FFN_OUT, layer), f, d));
        }
    }

    /** One sparse float multiply per linear the NPU work of this layer runs, plus the merge adds. */
    private void shadow(List<Op> ops, int layer, boolean lastLayer) {
        int d = model.hiddenSize();
        int f = model.ffnSize();
        shadowLinear(ops, OpStep.O_PROJ, layer, Tensor.ATTENTION, Tensor.ATTENTION_OUT, Math.min(hotChannels, model.queryWidth()), d);
        int ffnIn = Math.min(hotChannels, d);
        Tensor in = ffnInput(layer).tensor();
        if (model.ffnKind().gated()) {
            shadowLinear(ops, OpStep.FFN_GATE, layer, in, Tensor.GATE, ffnIn, f);
            shadowLinear(ops, OpStep.FFN_UP, layer, in, Tensor.UP, ffnIn, f);
            shadowLinear(ops, OpStep.FFN_DOWN, layer, Tensor.FFN_HIDDEN, Tensor.FFN_OUT, Math.min(hotChannels, f), d);
        } else {
            shadowLinear(ops, OpStep.FC1, layer, in, Tensor.UP, ffnIn, f);
            shadowLinear(ops, OpStep.FC2, layer, Tensor.FFN_HIDDEN, Tensor.FFN_OUT, Math.min(hotChannels, f), d);
        }
        if (!lastLayer) {
            shadowLinear(ops, OpStep.Q_PROJ, layer + 1, Tensor.NORMED, Tensor.Q, ffnIn, model.queryWidth());
            shadowLinear(ops, OpStep.K_PROJ, layer + 1, Tensor.NORMED, Tensor.K, ffnIn, model.kvWidth());
            shadowLinear(ops, OpStep.V_PROJ, layer + 1, Tensor.NORMED, Tensor.V, ffnIn, model.kvWidth());
        }
    }

    private void shadowLinear(List<Op> ops, OpStep linear, int layer, Tensor in, Tensor out, int channels, int outWidth) {
        TensorRef product = of(Tensor.SHADOW_PRODUCT, layer);
        ops.add(new Op(OpKind.SHADOW_LINEAR, OpStep.SHADOW, layer, linear, List.of(of(in, layer)), List.of(product),
                1, tokens, channels, outWidth));
        ops.add(new Op(OpKind.ELEMENTWISE, OpStep.SHADOW_MERGE, layer, linear, List.of(of(out, layer), product),
                List.of(of(out, layer)), 1, tokens, 1, outWidth));
    }
}
