package org.hetsched.backend.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Random;
import org.hetsched.backend.jni.HostKernels;
import org.hetsched.backend.jni.ReferenceKernels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each loop kernel of {@link HostMath} against a plain textbook implementation in double. */
class HostMathTest {
    private static FloatBuffer random(int count, Random random, float range) {
        FloatBuffer b = Buffers.f32(count);
        for (int i = 0; i < count; i++) b.put(i, (random.nextFloat() * 2 - 1) * range);
        return b;
    }

    @Test
    void quantizeRoundsHalfToEvenAndSaturatesSymmetrically() {
        FloatBuffer x = Buffers.f32(6);
        float[] values = {0.5f, 1.5f, -2.5f, 1000f, -1000f, 0.49f};
        for (int i = 0; i < values.length; i++) x.put(i, values[i]);
        ByteBuffer q = Buffers.i8(6);
        HostMath.quantize(x, q, 6, 1f);
        assertEquals(0, q.get(0));
        assertEquals(2, q.get(1));
        assertEquals(-2, q.get(2));
        assertEquals(127, q.get(3));
        assertEquals(-127, q.get(4), "symmetric: -127, not -128");
        assertEquals(0, q.get(5));
        FloatBuffer back = Buffers.f32(6);
        HostMath.dequantize(q, back, 6, 0.5f);
        assertEquals(63.5f, back.get(3));
    }

    @Test
    void scaleOfAZeroTensorIsPositive() {
        assertEquals(1f, HostMath.scaleOf(0));
        assertEquals(2f, HostMath.scaleOf(254), 1e-6);
    }

    @Test
    void layerNormMatchesTheDefinition() {
        Random r = new Random(3);
        int rows = 5;
        int dim = 37;
        FloatBuffer x = random(rows * dim, r, 3);
        FloatBuffer gamma = random(dim, r, 1);
        FloatBuffer beta = random(dim, r, 1);
        FloatBuffer out = Buffers.f32(rows * dim);
        HostMath.layerNorm(x, gamma, beta, out, rows, dim, 1e-5f);
        for (int i = 0; i < rows; i++) {
            double mean = 0;
            for (int j = 0; j < dim; j++) mean += x.get(i * dim + j);
            mean /= dim;
            double var = 0;
            for (int j = 0; j < dim; j++) var += Math.pow(x.get(i * dim + j) - mean, 2);
            var /= dim;
            for (int j = 0; j < dim; j++) {
                double expected = (x.get(i * dim + j) - mean) / Math.sqrt(var + 1e-5) * gamma.get(j) + beta.get(j);
                assertEquals(expected, out.get(i * dim + j), 1e-5 * Math.max(1, Math.abs(expected)));
            }
        }
    }

    @Test
    void geluIsTheTanhFormAndCloseToTheErfForm() {
        assertEquals(0f, HostMath.gelu(0f));
        assertEquals(10f, HostMath.gelu(10f), 1e-6);
        assertEquals(0f, HostMath.gelu(-10f), 1e-6);
        for (float x = -6; x <= 6; x += 0.25f) {
            double tanhForm = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            assertEquals(tanhForm, HostMath.gelu(x), 1e-6, "x=" + x);
            // the tanh form approximates x·Φ(x) to ~1e-3
            assertEquals(x * phi(x), HostMath.gelu(x), 2e-3, "x=" + x);
        }
    }

    @Test
    void geluGatedMultipliesByUp() {
        Random r = new Random(5);
        FloatBuffer gate = random(50, r, 4);
        FloatBuffer up = random(50, r, 4);
        FloatBuffer out = Buffers.f32(50);
        HostMath.geluGated(gate, up, out, 50);
        FloatBuffer plain = Buffers.f32(50);
        HostMath.gelu(gate, plain, 50);
        for (int i = 0; i < 50; i++) assertEquals(plain.get(i) * up.get(i), out.get(i), 0f);
    }

    @Test
    void addAndCopy() {
        FloatBuffer x = Buffers.f32(3);
        FloatBuffer y = Buffers.f32(3);
        for (int i = 0; i < 3; i++) {
            x.put(i, i);
            y.put(i, 10 * i);
        }
        HostMath.addInPlace(x, y, 3);
        assertEquals(22f, x.get(2));
        HostMath.copy(y, x, 2);
        assertEquals(10f, x.get(1));
        assertEquals(22f, x.get(2), "only count values are copied");
    }

    @Test
    @Tag("native")
    void int8LinearIsQuantiseThenTheReferenceW8A8Product() {
        Random r = new Random(7);
        int m = 5;
        int k = 33;
        int n = 17;
        FloatBuffer in = random(m * k, r, 2);
        LinearWeights w = new LinearWeights(k, n);
        FloatBuffer wf = random(k * n, r, 0.3f);
        w.int8 = Buffers.i8(k * n);
        w.f32 = Buffers.f32(k * n);
        w.setFrom(wf);
        assertEquals(0.3f / 127, w.scale(), 0.3f / 127 * 0.05);
        float inScale = 2f / 127;
        FloatBuffer out = Buffers.f32(m * n);
        HostMath.linear(in, out, w, true, inScale, Buffers.i8(m * k + 10), m);
        ByteBuffer q = Buffers.i8(m * k);
        HostMath.quantize(in, q, m * k, inScale);
        FloatBuffer expected = Buffers.f32(m * n);
        ReferenceKernels.matmulInt8Dequant(q, w.int8(), expected, m, k, n, inScale, w.scale());
        for (int i = 0; i < m * n; i++) assertEquals(expected.get(i), out.get(i), 0f);
        HostMath.linear(in, out, w, false, inScale, null, m);
        ReferenceKernels.matmulF32(in, wf, expected, m, k, n);
        for (int i = 0; i < m * n; i++) assertEquals(expected.get(i), out.get(i), 1e-5);
    }

    @ParameterizedTest(name = "heads {0} over kv {1}, window {2}")
    @CsvSource({"4, 2, 0", "4, 4, 0", "4, 1, 0", "2, 1, 5"})
    @Tag("native")
    void attentionMatchesTheTextbookFormulaWithCausalAndWindowMasks(int heads, int kvHeads, int window) {
        int hd = 6;
        int rowsInCache = 24;
        int m = 8;
        int firstQuery = 12;
        int firstKey = window > 0 ? 6 : 0;
        int context = firstQuery + m - firstKey;
        HostMath.Attention a = new HostMath.Attention(heads, kvHeads, hd, window);
        Random r = new Random(11);
        FloatBuffer q = random(m * a.queryWidth(), r, 1);
        FloatBuffer keys = random(rowsInCache * a.kvWidth(), r, 1);
        FloatBuffer values = random(rowsInCache * a.kvWidth(), r, 1);
        FloatBuffer out = attention(a, q, keys, values, m, firstQuery, firstKey, context);
        for (int h = 0; h < heads; h++) {
            int g = h / (heads / kvHeads);
            for (int row = 0; row < m; row++) {
                int query = firstQuery + row;
                double[] p = new double[rowsInCache];
                double max = Double.NEGATIVE_INFINITY;
                for (int key = 0; key < rowsInCache; key++) {
                    boolean visible = key <= query && (window == 0 || query - key < window);
                    if (!visible) {
                        p[key] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double dot = 0;
                    for (int d = 0; d < hd; d++) dot += q.get(row * a.queryWidth() + h * hd + d) * keys.get(key * a.kvWidth() + g * hd + d);
                    p[key] = dot / Math.sqrt(hd);
                    max = Math.max(max, p[key]);
                }
                double sum = 0;
                for (int key = 0; key < rowsInCache; key++) {
                    p[key] = Math.exp(p[key] - max);
                    sum += p[key];
                }
                for (int d = 0; d < hd; d++) {
                    double expected = 0;
                    for (int key = 0; key < rowsInCache; key++) expected += p[key] / sum * values.get(key * a.kvWidth() + g * hd + d);
                    assertEquals(expected, out.get(row * a.queryWidth() + h * hd + d), 1e-5, "head " + h + " row " + row + " dim " + d);
                }
            }
        }
    }

    @Test
    @Tag("native")
    void aChunksAttentionRowsEqualTheSameRowsComputedForTheWholePromptBitForBit() {
        HostMath.Attention a = new HostMath.Attention(4, 2, 8, 0);
        int prompt = 40;
        Random r = new Random(13);
        FloatBuffer q = random(prompt * a.queryWidth(), r, 2);
        FloatBuffer keys = random(prompt * a.kvWidth(), r, 2);
        FloatBuffer values = random(prompt * a.kvWidth(), r, 2);
        FloatBuffer whole = attention(a, q, keys, values, prompt, 0, 0, prompt);
        int first = 16;
        int m = 12;
        FloatBuffer chunk = attention(a, q.slice(first * a.queryWidth(), m * a.queryWidth()), keys, values, m, first, 0, first + m);
        for (int i = 0; i < m * a.queryWidth(); i++) {
            assertEquals(whole.get(first * a.queryWidth() + i), chunk.get(i), 0f, "element " + i);
        }
    }

    private static FloatBuffer attention(HostMath.Attention a, FloatBuffer q, FloatBuffer keys, FloatBuffer values, int m, int firstQuery,
                                         int firstKey, int context) {
        HostMath.AttentionScratch scratch = HostMath.AttentionScratch.allocate(m, context, a.headDim());
        FloatBuffer scores = Buffers.f32((long) a.heads() * m * context);
        HostMath.attentionScores(q, keys, scores, scratch, a, m, firstQuery, firstKey, context);
        HostKernels.softmaxRows(scores, a.heads() * m, context);
        FloatBuffer out = Buffers.f32((long) m * a.queryWidth());
        HostMath.attentionValues(scores, values, out, scratch, a, m, firstKey, context);
        return out;
    }

    @Test
    @Tag("native")
    void shadowProductMultipliesTheHotChannelsResidualsByTheirWeightRows() {
        Random r = new Random(17);
        int m = 4;
        int width = 10;
        int n = 7;
        int[] hot = {1, 4, 9};
        FloatBuffer x = random(m * width, r, 3);
        float scale = 2f / 127;
        ByteBuffer q = Buffers.i8(m * width);
        HostMath.quantize(x, q, m * width, scale);
        FloatBuffer rows = random(hot.length * n, r, 1);
        FloatBuffer product = random(m * n, r, 5);
        HostMath.ShadowScratch s = HostMath.ShadowScratch.allocate(m, 5);
        HostMath.shadowProduct(x, q, scale, width, hot, rows, product, s.forHot(hot.length), m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int e = 0; e < hot.length; e++) {
                    double residual = x.get(i * width + hot[e]) - scale * q.get(i * width + hot[e]);
                    expected += residual * rows.get(e * n + j);
                }
                assertEquals(expected, product.get(i * n + j), 1e-5);
            }
        }
        assertTrue(Math.abs(product.get(0)) > 0, "values above 2 are clipped, so residuals are not all zero");
        // a second count reuses the scratch with the right enumeration
        HostMath.shadowProduct(x, q, scale, width, new int[] {9}, rows.slice(0, n), product, s.forHot(1), m, n);
        double residual = x.get(width + 9) - scale * q.get(width + 9);
        assertEquals(residual * rows.get(2), product.get(n + 2), 1e-5);
    }

    private static double phi(double x) {
        // standard normal CDF via erf's Abramowitz–Stegun 7.1.26 approximation (error < 1.5e-7)
        double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-x * x / 2);
        return 0.5 * (1 + Math.signum(x) * y);
    }
}
