package org.hetsched.backend.host;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Weights, norm parameters, embeddings and prompt tokens generated from a seed, identically for
 * the chunked run and the references. Each tensor has its own stream (seed, layer, tensor), so any
 * one can be regenerated alone.
 *
 * <p>Distributions keep activations of order 1 through any depth: a linear {@code W[k×n]} is
 * uniform in ±sqrt(3/k) (unit output variance for unit inputs), norm gains are 1 ± 0.1, biases
 * ±0.05, embedding rows uniform with unit variance. One value column per KV head of every
 * layer's V projection is scaled by {@value #OUTLIER_GAIN}: real LLM activations carry a few
 * outlier channels of much larger magnitude (llm.npu, arXiv 2407.05858 §2.3), and these planted
 * channels give the attention output such channels, so that per-tensor INT8 clipping and its
 * shadow correction have something to do. Stateless.
 */
final class SyntheticWeights {
    /** Gain of the planted outlier columns of V (a stand-in; real outliers are 10-100x, which INT8 would clip away). */
    static final float OUTLIER_GAIN = 6f;

    /** What a generated tensor is; the ordinal keys its random stream. */
    enum Tensor {
        EMBEDDING, NORM_IN, NORM_IN_BIAS, Q, K, V, O, NORM_POST, NORM_POST_BIAS, GATE, UP, DOWN, NORM_FINAL, NORM_FINAL_BIAS,
        LM_HEAD, TOKENS, PLANTED
    }

    private SyntheticWeights() {
    }

    /** Fills {@code out[k×n]} with linear weights of {@code layer}; V gets its planted outlier columns. */
    static void linear(FloatBuffer out, long seed, int layer, Tensor tensor, int k, int n, int kvHeads, int headDim) {
        LinearStream stream = stream(seed, layer, tensor, k, n);
        if (tensor == Tensor.V) stream.planted = plantedColumns(seed, layer, kvHeads, headDim);
        for (int row = 0; row < k; row++) stream.nextRow(out.slice(row * n, n));
    }

    /** The rows of a linear's weights one at a time, for tensors too large for a float temporary (no planted columns). */
    static LinearStream stream(long seed, int layer, Tensor tensor, int k, int n) {
        return new LinearStream(stream(seed, layer, tensor, 0), (float) Math.sqrt(3.0 / k), n);
    }

    /** Rows of a linear's weights in order; single-threaded. */
    static final class LinearStream {
        private final SplittableRandom random;
        private final float bound;
        private final int n;
        private int[] planted = new int[0];

        private LinearStream(SplittableRandom random, float bound, int n) {
            this.random = random;
            this.bound = bound;
            this.n = n;
        }

        /** Writes the next row (n values) into {@code row}. */
        void nextRow(FloatBuffer row) {
            uniform(row, n, bound, random);
            for (int column : planted) row.put(column, row.get(column) * OUTLIER_GAIN);
        }
    }

    /** The planted outlier value column of each KV head of {@code layer}'s V projection, one per head, ascending. */
    static int[] plantedColumns(long seed, int layer, int kvHeads, int headDim) {
        SplittableRandom random = stream(seed, layer, Tensor.PLANTED, 0);
        int[] columns = new int[kvHeads];
        for (int g = 0; g < kvHeads; g++) columns[g] = g * headDim + random.nextInt(headDim);
        return columns;
    }

    /** Norm gain (1 ± 0.1) or bias (±0.05) of length {@code dim}. */
    static void norm(FloatBuffer out, long seed, int layer, Tensor tensor, int dim) {
        boolean bias = tensor == Tensor.NORM_IN_BIAS || tensor == Tensor.NORM_POST_BIAS || tensor == Tensor.NORM_FINAL_BIAS;
        uniform(out, dim, bias ? 0.05f : 0.1f, stream(seed, layer, tensor, 0));
        if (!bias) {
            for (int j = 0; j < dim; j++) out.put(j, 1f + out.get(j));
        }
    }

    /** The embedding row of {@code token} into {@code out} at {@code offset}: uniform, unit variance. */
    static void embedding(FloatBuffer out, int offset, long seed, int token, int dim) {
        uniform(out.slice(offset, dim), dim, (float) Math.sqrt(3.0), stream(seed, 0, Tensor.EMBEDDING, token + 1L));
    }

    /** {@code count} prompt tokens, uniform over the vocabulary. */
    static int[] tokens(long seed, int count, int vocab) {
        SplittableRandom random = stream(seed, 0, Tensor.TOKENS, 0);
        int[] tokens = new int[count];
        for (int i = 0; i < count; i++) tokens[i] = random.nextInt(vocab);
        return tokens;
    }

    private static SplittableRandom stream(long seed, int layer, Tensor tensor, long index) {
        long key = seed;
        key = key * 0x9E3779B97F4A7C15L + layer;
        key = key * 0x9E3779B97F4A7C15L + tensor.ordinal();
        key = key * 0x9E3779B97F4A7C15L + index;
        return new SplittableRandom(key);
    }

    /** Uniform in [−bound, bound), two 24-bit draws per 64-bit word (fast enough for billions of weights). */
    private static void uniform(FloatBuffer out, long count, float bound, SplittableRandom random) {
        float unit = 2f * bound / (1 << 24);
        int i = 0;
        while (i < count) {
            long bits = random.nextLong();
            out.put(i++, ((int) (bits >>> 40)) * unit - bound);
            if (i < count) out.put(i++, ((int) ((bits >>> 16) & 0xFFFFFF)) * unit - bound);
        }
    }
}
