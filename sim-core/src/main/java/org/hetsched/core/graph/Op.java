package org.hetsched.core.graph;

/**
 * One op of a subgraph with its shape, in the uniform form {@code batch × (m×k · k×n)}.
 *
 * <ul>
 *   <li>LINEAR: m tokens, k input features, n output features, batch 1;</li>
 *   <li>ATTENTION_SCORE: batch heads, m query tokens, k head dim, n context tokens;</li>
 *   <li>ATTENTION_VALUE: batch heads, m query tokens, k context tokens, n head dim;</li>
 *   <li>SHADOW_LINEAR: m tokens, k outlier channels kept on the float side, n output features;</li>
 *   <li>element-wise kinds (norm, softmax, RoPE, ...): batch × m × n elements, k = 1.</li>
 * </ul>
 *
 * @param kind  what the op computes
 * @param label a short stable name, e.g. "q_proj", "ffn_down"
 */
public record Op(OpKind kind, String label, int batch, int m, int k, int n) {

    public Op {
        if (kind == null || label == null) throw new IllegalArgumentException("op kind and label are required");
        if (batch <= 0 || m <= 0 || k <= 0 || n <= 0) {
            throw new IllegalArgumentException("op " + label + ": dimensions must be > 0, got batch=" + batch
                    + " m=" + m + " k=" + k + " n=" + n);
        }
    }

    /** An element-wise op over {@code batch × m × n} elements. */
    public static Op elementwise(OpKind kind, String label, int batch, int m, int n) {
        return new Op(kind, label, batch, m, 1, n);
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
}
