package org.hetsched.backend.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Native kernels against {@link ReferenceKernels} on random shapes and data: exact on the INT8
 * lane, within a few float ulps (scaled to the magnitudes involved) on the float lane. Shapes
 * range over 1 and over the 4-row and 256-column blocks of the C code with remainders.
 */
@Tag("native")
class HostKernelsProperties {
    /** Relative tolerance: libm's expf/cos/sin and java.lang.Math may differ by an ulp (~6e-8). */
    private static final float REL = 1e-5f;

    @Property(tries = 200)
    void int8RequantisedMatmulEqualsReference(@ForAll @IntRange(min = 1, max = 13) int m,
                                              @ForAll @IntRange(min = 1, max = 300) int k,
                                              @ForAll @IntRange(min = 1, max = 300) int n,
                                              @ForAll @FloatRange(min = -20, max = 0) float log2Scale,
                                              @ForAll long seed) {
        Random random = new Random(seed);
        ByteBuffer a = Tensors.int8(m * k, random);
        ByteBuffer w = Tensors.int8(k * n, random);
        // 2^-20 .. 1 spans results that all round to 0 through results that all saturate.
        float scale = (float) Math.pow(2, log2Scale);
        ByteBuffer expected = Tensors.int8(m * n);
        ByteBuffer actual = Tensors.int8(m * n);
        ReferenceKernels.matmulInt8Requant(a, w, expected, m, k, n, scale);
        HostKernels.matmulInt8Requant(a, w, actual, m, k, n, scale);
        assertArrayEquals(Tensors.bytes(expected), Tensors.bytes(actual));
    }

    @Property(tries = 200)
    void int8DequantisedMatmulEqualsReference(@ForAll @IntRange(min = 1, max = 13) int m,
                                              @ForAll @IntRange(min = 1, max = 300) int k,
                                              @ForAll @IntRange(min = 1, max = 300) int n,
                                              @ForAll @FloatRange(min = -4, max = 0) float log10ScaleA,
                                              @ForAll @FloatRange(min = -4, max = 0) float log10ScaleW,
                                              @ForAll long seed) {
        Random random = new Random(seed);
        float scaleA = (float) Math.pow(10, log10ScaleA);
        float scaleW = (float) Math.pow(10, log10ScaleW);
        ByteBuffer a = Tensors.int8(m * k, random);
        ByteBuffer w = Tensors.int8(k * n, random);
        FloatBuffer expected = Tensors.f32(m * n);
        FloatBuffer actual = Tensors.f32(m * n);
        ReferenceKernels.matmulInt8Dequant(a, w, expected, m, k, n, scaleA, scaleW);
        HostKernels.matmulInt8Dequant(a, w, actual, m, k, n, scaleA, scaleW);
        assertArrayEquals(Tensors.floats(expected), Tensors.floats(actual));
    }

    @Property(tries = 150)
    void floatMatmulMatchesReference(@ForAll @IntRange(min = 1, max = 13) int m,
                                     @ForAll @IntRange(min = 1, max = 200) int k,
                                     @ForAll @IntRange(min = 1, max = 300) int n,
                                     @ForAll long seed) {
        Random random = new Random(seed);
        FloatBuffer a = Tensors.f32(m * k, random, 2f);
        FloatBuffer w = Tensors.f32(k * n, random, 2f);
        FloatBuffer expected = Tensors.f32(m * n);
        FloatBuffer actual = Tensors.f32(m * n);
        ReferenceKernels.matmulF32(a, w, expected, m, k, n);
        HostKernels.matmulF32(a, w, actual, m, k, n);
        // Error scales with sum |a|·|w|, not with the (possibly cancelled) result.
        FloatBuffer magnitude = Tensors.f32(m * n);
        ReferenceKernels.matmulF32(absolute(a), absolute(w), magnitude, m, k, n);
        Tensors.assertClose(Tensors.floats(expected), Tensors.floats(actual), Tensors.floats(magnitude), REL, 1e-6f);
    }

    @Property(tries = 150)
    void rmsNormMatchesReference(@ForAll @IntRange(min = 1, max = 9) int rows,
                                 @ForAll @IntRange(min = 1, max = 600) int dim,
                                 @ForAll @FloatRange(min = -8, max = -2) float log10Eps,
                                 @ForAll long seed) {
        Random random = new Random(seed);
        float eps = (float) Math.pow(10, log10Eps);
        FloatBuffer x = Tensors.f32(rows * dim, random, 8f);
        FloatBuffer gamma = Tensors.f32(dim, random, 2f);
        FloatBuffer expected = Tensors.f32(rows * dim);
        FloatBuffer actual = Tensors.f32(rows * dim);
        ReferenceKernels.rmsNorm(x, gamma, expected, rows, dim, eps);
        HostKernels.rmsNorm(x, gamma, actual, rows, dim, eps);
        float[] want = Tensors.floats(expected);
        Tensors.assertClose(want, Tensors.floats(actual), Tensors.abs(want), REL, 1e-30f);
    }

    @Property(tries = 150)
    void softmaxMatchesReference(@ForAll @IntRange(min = 1, max = 9) int rows,
                                 @ForAll @IntRange(min = 1, max = 600) int cols,
                                 @ForAll @FloatRange(min = 0.1f, max = 80f) float range,
                                 @ForAll long seed) {
        FloatBuffer x = Tensors.f32(rows * cols, new Random(seed), range);
        FloatBuffer expected = Tensors.copy(x);
        ReferenceKernels.softmaxRows(expected, rows, cols);
        HostKernels.softmaxRows(x, rows, cols);
        float[] want = Tensors.floats(expected);
        Tensors.assertClose(want, Tensors.floats(x), Tensors.abs(want), REL, 1e-30f);
    }

    @Property(tries = 150)
    void siluGatedMatchesReference(@ForAll @IntRange(min = 1, max = 2000) int count,
                                   @ForAll @FloatRange(min = 0.1f, max = 30f) float range,
                                   @ForAll long seed) {
        Random random = new Random(seed);
        FloatBuffer gate = Tensors.f32(count, random, range);
        FloatBuffer up = Tensors.f32(count, random, 4f);
        FloatBuffer expected = Tensors.f32(count);
        FloatBuffer actual = Tensors.f32(count);
        ReferenceKernels.siluGated(gate, up, expected, count);
        HostKernels.siluGated(gate, up, actual, count);
        float[] want = Tensors.floats(expected);
        Tensors.assertClose(want, Tensors.floats(actual), Tensors.abs(want), REL, 1e-30f);
    }

    @Property(tries = 150)
    void ropeMatchesReference(@ForAll @IntRange(min = 1, max = 9) int rows,
                              @ForAll @IntRange(min = 1, max = 4) int heads,
                              @ForAll @IntRange(min = 1, max = 64) int halfHeadDim,
                              @ForAll @IntRange(min = 0, max = 40_000) int positionOffset,
                              @ForAll long seed) {
        int headDim = 2 * halfHeadDim;
        FloatBuffer x = Tensors.f32(rows * heads * headDim, new Random(seed), 4f);
        FloatBuffer expected = Tensors.copy(x);
        ReferenceKernels.rope(expected, rows, heads, headDim, positionOffset, 10000f);
        HostKernels.rope(x, rows, heads, headDim, positionOffset, 10000f);
        // A rotation can cancel one coordinate, so the error scales with the pair's norm (<= 4·√2).
        float[] want = Tensors.floats(expected);
        float[] bound = new float[want.length];
        Arrays.fill(bound, 6f);
        Tensors.assertClose(want, Tensors.floats(x), bound, REL, 0f);
    }

    @Property(tries = 150)
    void shadowOutliersMatchReference(@ForAll @IntRange(min = 1, max = 9) int m,
                                      @ForAll @IntRange(min = 1, max = 64) int k,
                                      @ForAll @IntRange(min = 1, max = 300) int n,
                                      @ForAll @IntRange(min = 0, max = 40) int count,
                                      @ForAll long seed) {
        Random random = new Random(seed);
        int[] rows = new int[count];
        int[] channels = new int[count];
        for (int e = 0; e < count; e++) {
            rows[e] = random.nextInt(m);
            channels[e] = random.nextInt(k);
        }
        IntBuffer rowBuffer = Tensors.i32(rows);
        IntBuffer channelBuffer = Tensors.i32(channels);
        FloatBuffer values = Tensors.f32(count, random, 50f);
        FloatBuffer w = Tensors.f32(k * n, random, 1f);
        FloatBuffer expected = Tensors.f32(m * n, random, 10f);
        FloatBuffer actual = Tensors.copy(expected);
        ReferenceKernels.shadowOutliers(rowBuffer, channelBuffer, values, w, expected, m, k, n);
        HostKernels.shadowOutliers(rowBuffer, channelBuffer, values, w, actual, m, k, n);
        float[] bound = new float[m * n];
        Arrays.fill(bound, 10f + 50f * count);
        Tensors.assertClose(Tensors.floats(expected), Tensors.floats(actual), bound, REL, 0f);
    }

    private static FloatBuffer absolute(FloatBuffer b) {
        FloatBuffer out = Tensors.f32(b.capacity());
        for (int i = 0; i < b.capacity(); i++) {
            out.put(i, Math.abs(b.get(i)));
        }
        return out;
    }
}
