package org.hetsched.backend.host;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.hetsched.backend.jni.HostKernels;

/**
 * The computations of a decoder layer as the host runs them, shared by the dataflow ops
 * ({@link HostOp}), the references ({@link PrefillReference}) and the profiler, so that all three
 * execute the same arithmetic in the same order: native kernels ({@link HostKernels}) where one
 * exists, plain loops over the same direct buffers for the rest (quantisation, residual adds,
 * LayerNorm, GELU, the gathers and masks around attention).
 *
 * <p>Every row's result depends only on that row's inputs (and, for attention, on the keys and
 * values it may see), never on how many rows are computed in one call, which is why a chunked run
 * reproduces an unchunked one bit for bit. Stateless; buffers are the caller's, outputs must not
 * overlap inputs unless a method says so.
 */
final class HostMath {
    /** sqrt(2/pi), for the tanh form of GELU used by Phi-2 and Gemma ("gelu_new"/"gelu_pytorch_tanh"). */
    private static final double GELU_C = Math.sqrt(2.0 / Math.PI);

    private HostMath() {
    }

    /** Symmetric per-tensor scale {@code maxAbs/127}; 1 for an all-zero tensor (any positive scale quantises it exactly). */
    static float scaleOf(double maxAbs) {
        return maxAbs > 0 ? (float) (maxAbs / 127.0) : 1f;
    }

    /** {@code q[i] = sat8(rint(x[i] / scale))}, round half to even, saturating to [-127, 127] (symmetric). */
    static void quantize(FloatBuffer x, ByteBuffer q, int count, float scale) {
        for (int i = 0; i < count; i++) q.put(i, quantize(x.get(i), scale));
    }

    static byte quantize(float v, float scale) {
        float r = (float) Math.rint(v / scale);
        return (byte) Math.max(-127f, Math.min(127f, r));
    }

    /** {@code x[i] = q[i] · scale}. */
    static void dequantize(ByteBuffer q, FloatBuffer x, int count, float scale) {
        for (int i = 0; i < count; i++) x.put(i, q.get(i) * scale);
    }

    /** {@code x[i] += y[i]}. */
    static void addInPlace(FloatBuffer x, FloatBuffer y, int count) {
        for (int i = 0; i < count; i++) x.put(i, x.get(i) + y.get(i));
    }

    /** {@code dst[i] = src[i]}. */
    static void copy(FloatBuffer src, FloatBuffer dst, int count) {
        dst.put(0, src, 0, count);
    }

    /**
     * LayerNorm of each row: {@code out = (x − mean)/sqrt(var + eps) · gamma + beta}, mean and
     * variance (biased) taken in double like the native RMSNorm's sum of squares.
     */
    static void layerNorm(FloatBuffer x, FloatBuffer gamma, FloatBuffer beta, FloatBuffer out, int rows, int dim, float eps) {
        for (int i = 0; i < rows; i++) {
            int base = i * dim;
            double sum = 0;
            for (int j = 0; j < dim; j++) sum += x.get(base + j);
            double mean = sum / dim;
            double var = 0;
            for (int j = 0; j < dim; j++) {
                double d = x.get(base + j) - mean;
                var += d * d;
            }
            float inv = (float) (1.0 / Math.sqrt(var / dim + eps));
            float mu = (float) mean;
            for (int j = 0; j < dim; j++) out.put(base + j, (x.get(base + j) - mu) * inv * gamma.get(j) + beta.get(j));
        }
    }

    /** GELU, tanh form: {@code 0.5·x·(1 + tanh(sqrt(2/pi)·(x + 0.044715·x³)))}, evaluated in double. */
    static float gelu(float x) {
        double v = x;
        return (float) (0.5 * v * (1.0 + Math.tanh(GELU_C * (v + 0.044715 * v * v * v))));
    }

    /** {@code out[i] = gelu(x[i])}; {@code out} may be {@code x}. */
    static void gelu(FloatBuffer x, FloatBuffer out, int count) {
        for (int i = 0; i < count; i++) out.put(i, gelu(x.get(i)));
    }

    /** GeGLU's gated product {@code out[i] = gelu(gate[i]) · up[i]}. */
    static void geluGated(FloatBuffer gate, FloatBuffer up, FloatBuffer out, int count) {
        for (int i = 0; i < count; i++) out.put(i, gelu(gate.get(i)) * up.get(i));
    }

    /**
     * A linear layer {@code out[m×n] = in[m×k] · W[k×n]}: W8A8 when {@code w} is INT8 (the input
     * quantised with its static scale into {@code inQ}, int32 sums, result dequantised), float32
     * otherwise.
     */
    static void linear(FloatBuffer in, FloatBuffer out, LinearWeights w, boolean int8, float inScale, ByteBuffer inQ, int m) {
        if (int8) {
            ByteBuffer q = inQ.slice(0, m * w.k());
            quantize(in, q, m * w.k(), inScale);
            HostKernels.matmulInt8Dequant(q, w.int8(), out, m, w.k(), w.n(), inScale, w.scale());
        } else {
            HostKernels.matmulF32(in, w.f32(), out, m, w.k(), w.n());
        }
    }

    /** The requantisation multiplier of an INT8 linear with an INT8 output: {@code scaleIn·scaleW/scaleOut}. */
    static float requantScale(float inScale, float weightScale, float outScale) {
        return (float) ((double) inScale * weightScale / outScale);
    }

    /** Whether key position {@code key} is visible to query position {@code query}: causal, within the window (0: none). */
    static boolean visible(int query, int key, int window) {
        return key <= query && (window == 0 || query - key < window);
    }

    /**
     * Attention scores of {@code m} query rows against {@code context} cached keys, per query head:
     * {@code scores[h][r][j] = q_h[r]·k_g[j] / sqrt(headDim)} with {@code g = h / (heads/kvHeads)},
     * or −∞ where key {@code firstKey + j} is not visible to query {@code firstQuery + r}.
     *
     * @param q      this chunk's queries, {@code m × heads·headDim}, RoPE applied
     * @param kCache the layer's key cache, {@code rows × kvHeads·headDim} (rotated keys)
     * @param scores {@code heads × m × context}
     */
    static void attentionScores(FloatBuffer q, FloatBuffer kCache, FloatBuffer scores, AttentionScratch s, Attention a, int m,
                                int firstQuery, int firstKey, int context) {
        int hd = a.headDim();
        int group = a.heads() / a.kvHeads();
        float scale = (float) (1.0 / Math.sqrt(hd));
        FloatBuffer kT = s.keysT().slice(0, hd * context);
        FloatBuffer qh = s.queryHead().slice(0, m * hd);
        for (int g = 0; g < a.kvHeads(); g++) {
            // K_g transposed to headDim × context, so that Q_h·K_gᵀ is one row-major matmul
            for (int j = 0; j < context; j++) {
                int row = (firstKey + j) * a.kvWidth() + g * hd;
                for (int d = 0; d < hd; d++) kT.put(d * context + j, kCache.get(row + d));
            }
            for (int h = g * group; h < (g + 1) * group; h++) {
                for (int r = 0; r < m; r++) {
                    qh.put(r * hd, q, r * a.queryWidth() + h * hd, hd);
                }
                FloatBuffer out = scores.slice(h * m * context, m * context);
                HostKernels.matmulF32(qh, kT, out, m, hd, context);
                for (int r = 0; r < m; r++) {
                    int query = firstQuery + r;
                    for (int j = 0; j < context; j++) {
                        int at = r * context + j;
                        out.put(at, visible(query, firstKey + j, a.window()) ? out.get(at) * scale : Float.NEGATIVE_INFINITY);
                    }
                }
            }
        }
    }

    /**
     * The attention output {@code out[r][h·headDim + d] = Σ_j probs[h][r][j] · v_g[j][d]} from the
     * softmaxed scores and the cached values.
     *
     * @param out {@code m × heads·headDim}
     */
    static void attentionValues(FloatBuffer probs, FloatBuffer vCache, FloatBuffer out, AttentionScratch s, Attention a, int m,
                                int firstKey, int context) {
        int hd = a.headDim();
        int group = a.heads() / a.kvHeads();
        FloatBuffer vh = s.valuesHead().slice(0, context * hd);
        FloatBuffer oh = s.outputHead().slice(0, m * hd);
        for (int g = 0; g < a.kvHeads(); g++) {
            for (int j = 0; j < context; j++) {
                vh.put(j * hd, vCache, (firstKey + j) * a.kvWidth() + g * hd, hd);
            }
            for (int h = g * group; h < (g + 1) * group; h++) {
                HostKernels.matmulF32(probs.slice(h * m * context, m * context), vh, oh, m, context, hd);
                for (int r = 0; r < m; r++) {
                    out.put(r * a.queryWidth() + h * hd, oh, r * hd, hd);
                }
            }
        }
    }

    /**
     * The float side of one shadowed linear: for every row and every hot input channel, the part
     * of the activation INT8 did not represent ({@code x − scale·q}: the clipped excess, or the
     * rounding error), multiplied by that channel's float weight row and summed into
     * {@code product[m×n]} (overwritten). Dense over the hot channels, so its work is
     * {@code m·hot·n} MACs whatever the data, as the cost model prices it.
     *
     * @param x        the float activation, {@code m × width}
     * @param q        its INT8 quantisation with {@code scale}, same layout
     * @param hot      the hot channels, in ascending order
     * @param hotRows  the weight rows of the hot channels, {@code hot.length × n}
     */
    static void shadowProduct(FloatBuffer x, ByteBuffer q, float scale, int width, int[] hot, FloatBuffer hotRows, FloatBuffer product,
                              ShadowScratch s, int m, int n) {
        int k = hot.length;
        FloatBuffer values = s.values().slice(0, m * k);
        for (int r = 0; r < m; r++) {
            for (int e = 0; e < k; e++) {
                int at = r * width + hot[e];
                values.put(r * k + e, x.get(at) - scale * q.get(at));
            }
        }
        for (int i = 0; i < m * n; i++) product.put(i, 0f);
        HostKernels.shadowOutliers(s.rows().slice(0, m * k), s.channels().slice(0, m * k), values, hotRows, product, m, k, n);
    }

    /** Attention geometry. */
    record Attention(int heads, int kvHeads, int headDim, int window) {
        int queryWidth() {
            return heads * headDim;
        }

        int kvWidth() {
            return kvHeads * headDim;
        }
    }

    /** Per-head gathers of attention; sized for the largest context and chunk that use them. */
    record AttentionScratch(FloatBuffer keysT, FloatBuffer queryHead, FloatBuffer valuesHead, FloatBuffer outputHead) {
        static AttentionScratch allocate(int rows, int maxContext, int headDim) {
            return new AttentionScratch(Buffers.f32((long) headDim * maxContext), Buffers.f32((long) rows * headDim),
                    Buffers.f32((long) maxContext * headDim), Buffers.f32((long) rows * headDim));
        }

        static long bytes(int rows, int maxContext, int headDim) {
            return 4L * (2L * headDim * maxContext + 2L * rows * headDim);
        }
    }

    /**
     * The outlier list of {@link #shadowProduct}: one value per (row, hot channel), and the fixed
     * row-major enumeration {@code rows[e] = e / hot}, {@code channels[e] = e % hot}, rebuilt by
     * {@link #forHot} only when the hot count changes. Single-threaded (one per lane).
     */
    static final class ShadowScratch {
        private final FloatBuffer values;
        private final IntBuffer rows;
        private final IntBuffer channels;
        private int hot = -1;

        private ShadowScratch(FloatBuffer values, IntBuffer rows, IntBuffer channels) {
            this.values = values;
            this.rows = rows;
            this.channels = channels;
        }

        static ShadowScratch allocate(int maxRows, int maxHot) {
            long count = (long) maxRows * maxHot;
            return new ShadowScratch(Buffers.f32(count), Buffers.i32(count), Buffers.i32(count));
        }

        static long bytes(int maxRows, int maxHot) {
            return 12L * maxRows * maxHot;
        }

        /** Makes rows/channels enumerate {@code hot} channels per row; O(1) when the count is unchanged. */
        ShadowScratch forHot(int hotCount) {
            if (hotCount != hot) {
                int rowsCap = rows.capacity() / Math.max(1, hotCount);
                for (int r = 0; r < rowsCap; r++) {
                    for (int e = 0; e < hotCount; e++) {
                        rows.put(r * hotCount + e, r);
                        channels.put(r * hotCount + e, e);
                    }
                }
                hot = hotCount;
            }
            return this;
        }

        FloatBuffer values() {
            return values;
        }

        IntBuffer rows() {
            return rows;
        }

        IntBuffer channels() {
            return channels;
        }
    }
}
