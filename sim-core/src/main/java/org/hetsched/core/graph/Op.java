package org.hetsched.core.graph;

import java.util.List;

/**
 * One op of a subgraph: what it is in the prefill dataflow (its step, layer and the tensors it
 * reads and writes) and its shape, in the uniform form {@code batch × (m×k · k×n)}.
 *
 * <ul>
 *   <li>LINEAR: m tokens, k input features, n output features, batch 1;</li>
 *   <li>ATTENTION_SCORE: batch heads, m query tokens, k head dim, n context tokens;</li>
 *   <li>ATTENTION_VALUE: batch heads, m query tokens, k context tokens, n head dim;</li>
 *   <li>SHADOW_LINEAR: m tokens, k outlier channels kept on the float side, n output features;</li>
 *   <li>element-wise kinds (norm, softmax, RoPE, ...): batch × m × n elements, k = 1.</li>
 * </ul>
 *
 * @param kind     how the op is priced
 * @param step     what it computes in the decoder
 * @param layer    the decoder layer whose weights, cache and values it uses (a {@code NEXT_INPUT_NORM}
 *                 and the Q/K/V after it belong to the next layer; a shadow op to its linear's),
 *                 or −1 for the embedding, final norm, LM head and probes
 * @param corrects for {@link OpStep#SHADOW} and {@link OpStep#SHADOW_MERGE}, the linear step it
 *                 corrects; {@code null} for every other step
 * @param reads    the tensors it reads, in operand order (empty for probes)
 * @param writes   the tensors it writes (RoPE writes Q and K; empty for probes only)
 */
public record Op(OpKind kind, OpStep step, int layer, OpStep corrects, List<TensorRef> reads, List<TensorRef> writes,
                 int batch, int m, int k, int n) {

    public Op {
        if (kind == null || step == null || reads == null || writes == null) {
            throw new IllegalArgumentException("op kind, step, reads and writes are required");
        }
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        boolean shadow = step == OpStep.SHADOW || step == OpStep.SHADOW_MERGE;
        if (shadow != (corrects != null) || (corrects != null && !corrects.linear())) {
            throw new IllegalArgumentException("op " + step + ": a shadow step names the linear it corrects, no other step does; got "
                    + corrects);
        }
        if ((step == OpStep.PROBE) != writes.isEmpty()) {
            throw new IllegalArgumentException("op " + step + ": every op but a probe writes a tensor; got " + writes);
        }
        if (layer < -1) throw new IllegalArgumentException("op " + step + ": layer must be >= -1, got " + layer);
        if (batch <= 0 || m <= 0 || k <= 0 || n <= 0) {
            throw new IllegalArgumentException("op " + step + ": dimensions must be > 0, got batch=" + batch
                    + " m=" + m + " k=" + k + " n=" + n);
        }
    }

    /**
     * An op known only by kind and shape, outside any dataflow: a cost query, a profiling probe,
     * an op read back from a file that records no more.
     */
    public static Op probe(OpKind kind, int batch, int m, int k, int n) {
        return new Op(kind, OpStep.PROBE, -1, null, List.of(), List.of(), batch, m, k, n);
    }

    /** A short stable name derived from the step, e.g. "q_proj", "ffn_down", "shadow_merge_o_proj". */
    public String label() {
        return corrects == null ? step.label() : step.label() + corrects.label();
    }

    /** Multiply-accumulates: {@code batch·m·k·n} (matmul kinds only, 0 otherwise). */
    public long macs() {
        return kind.matmul() ? (long) batch * m * k * n : 0L;
    }

    /** Output elements: {@code batch·m·n}. */
    public long outputElements() {
        return (long) batch * m * n;
    }

    /** Weight elements a LINEAR or SHADOW_LINEAR reads ({@code k·n}); 0 for activation-only ops. */
    public long weightElements() {
        return kind == OpKind.LINEAR || kind == OpKind.SHADOW_LINEAR ? (long) k * n : 0L;
    }

    /**
     * What the op computes regardless of where: kind, step, corrected linear and shape, without the
     * layer and tensors. Ops of equal signature at different layers run the same static graph with
     * different weights, so they cost the same and share one device model.
     */
    public Signature signature() {
        return new Signature(kind, step, corrects, batch, m, k, n);
    }

    /** See {@link #signature()}. */
    public record Signature(OpKind kind, OpStep step, OpStep corrects, int batch, int m, int k, int n) {
    }
}
