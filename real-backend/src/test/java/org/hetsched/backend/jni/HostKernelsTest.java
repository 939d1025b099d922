package org.hetsched.backend.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("native")
class HostKernelsTest {

    @Test
    void multipliesOneByOneInt8() {
        ByteBuffer out = Tensors.int8(1);
        HostKernels.matmulInt8Requant(Tensors.int8Filled(1, -7), Tensors.int8Filled(1, 9), out, 1, 1, 1, 1f);
        assertEquals(-63, out.get(0));
        FloatBuffer real = Tensors.f32(1);
        HostKernels.matmulInt8Dequant(Tensors.int8Filled(1, -7), Tensors.int8Filled(1, 9), real, 1, 1, 1, 0.5f, 0.25f);
        assertEquals(-63f * 0.5f * 0.25f, real.get(0));
    }

    @Test
    void saturatesAtBothEnds() {
        int k = 3;
        ByteBuffer out = Tensors.int8(2);
        // Row 0 is all -128 and row 1 all 127; W is all -128, so the sums are +49152 and -48768.
        ByteBuffer a = Tensors.int8(2 * k);
        for (int p = 0; p < k; p++) {
            a.put(p, (byte) -128);
            a.put(k + p, (byte) 127);
        }
        HostKernels.matmulInt8Requant(a, Tensors.int8Filled(k, -128), out, 2, k, 1, 1f);
        assertArrayEquals(new byte[] {127, -128}, Tensors.bytes(out));
    }

    @Test
    void keepsTheExtremeDotProductExactInFloat() {
        // (-128)·(-128)·k for the largest allowed k is 2^31 - 16384: exact in int32.
        int k = KernelContracts.MAX_INT8_DEPTH;
        FloatBuffer out = Tensors.f32(1);
        HostKernels.matmulInt8Dequant(Tensors.int8Filled(k, -128), Tensors.int8Filled(k, -128), out, 1, k, 1, 1f, 1f);
        assertEquals((float) (16384L * k), out.get(0));
    }

    @Test
    void matchesReferenceAcrossBlockEdges() {
        // 9 rows and 600 columns cross the 4-row and 256-column blocks with remainders.
        int m = 9;
        int k = 517;
        int n = 600;
        Random random = new Random(42);
        ByteBuffer a = Tensors.int8(m * k, random);
        ByteBuffer w = Tensors.int8(k * n, random);
        ByteBuffer expected = Tensors.int8(m * n);
        ByteBuffer actual = Tensors.int8(m * n);
        ReferenceKernels.matmulInt8Requant(a, w, expected, m, k, n, 1f / 4096);
        HostKernels.matmulInt8Requant(a, w, actual, m, k, n, 1f / 4096);
        assertArrayEquals(Tensors.bytes(expected), Tensors.bytes(actual));
    }

    @Test
    void softmaxOfEqualScoresIsUniform() {
        FloatBuffer x = Tensors.f32(4);
        HostKernels.softmaxRows(x, 1, 4);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, Tensors.floats(x));
    }

    @Test
    void softmaxSurvivesLargeScores() {
        FloatBuffer x = Tensors.f32(2);
        x.put(0, 1000f);
        x.put(1, 999f);
        HostKernels.softmaxRows(x, 1, 2);
        // Without subtracting the maximum, e^1000 would overflow to infinity and give NaN.
        assertEquals((float) (1 / (1 + Math.exp(-1))), x.get(0), 1e-6f);
        assertEquals((float) (1 / (1 + Math.exp(1))), x.get(1), 1e-6f);
    }

    @Test
    void ropeAtPositionZeroIsIdentity() {
        FloatBuffer x = Tensors.f32(8, new Random(1), 3f);
        float[] before = Tensors.floats(x);
        HostKernels.rope(x, 1, 2, 4, 0, 10000f);
        assertArrayEquals(before, Tensors.floats(x));
    }

    @Test
    void ropeRotatesTheFirstPairByThePosition() {
        FloatBuffer x = Tensors.f32(2);
        x.put(0, 1f);
        HostKernels.rope(x, 1, 1, 2, 3, 10000f);
        assertEquals((float) Math.cos(3), x.get(0), 1e-7f);
        assertEquals((float) Math.sin(3), x.get(1), 1e-7f);
    }

    @Test
    void rmsNormOfAConstantRowIsGamma() {
        FloatBuffer x = Tensors.f32(3);
        FloatBuffer gamma = Tensors.f32(3);
        for (int j = 0; j < 3; j++) {
            x.put(j, -2f);
            gamma.put(j, j + 1f);
        }
        FloatBuffer out = Tensors.f32(3);
        HostKernels.rmsNorm(x, gamma, out, 1, 3, 1e-12f);
        assertArrayEquals(new float[] {-1f, -2f, -3f}, Tensors.floats(out), 1e-6f);
    }

    @Test
    void siluGatedMatchesTheDefinitionAtZeroAndOne() {
        FloatBuffer gate = Tensors.f32(2);
        gate.put(1, 1f);
        FloatBuffer up = Tensors.f32(2);
        up.put(0, 5f);
        up.put(1, 2f);
        FloatBuffer out = Tensors.f32(2);
        HostKernels.siluGated(gate, up, out, 2);
        assertEquals(0f, out.get(0));
        assertEquals((float) (2.0 / (1.0 + Math.exp(-1.0))), out.get(1), 1e-6f);
    }

    @Test
    void elementwiseKernelsMayWriteInPlace() {
        FloatBuffer x = Tensors.f32(6, new Random(3), 2f);
        FloatBuffer gamma = Tensors.f32(3, new Random(4), 2f);
        FloatBuffer expected = Tensors.f32(6);
        ReferenceKernels.rmsNorm(x, gamma, expected, 2, 3, 1e-6f);
        HostKernels.rmsNorm(x, gamma, x, 2, 3, 1e-6f);
        assertArrayEquals(Tensors.floats(expected), Tensors.floats(x), 1e-6f);
    }

    @Test
    void shadowOutliersAccumulateRepeatedEntries() {
        // W is 2×2 = [[1, 2], [3, 4]]; out starts at 10 and gets 0.5·W[1] twice on row 0.
        FloatBuffer w = Tensors.f32(4);
        for (int i = 0; i < 4; i++) {
            w.put(i, i + 1f);
        }
        FloatBuffer out = Tensors.f32(2);
        out.put(0, 10f);
        out.put(1, 10f);
        HostKernels.shadowOutliers(Tensors.i32(new int[] {0, 0}), Tensors.i32(new int[] {1, 1}),
                floatsOf(0.5f, 0.5f), w, out, 1, 2, 2);
        assertArrayEquals(new float[] {13f, 14f}, Tensors.floats(out));
    }

    private static FloatBuffer floatsOf(float... values) {
        FloatBuffer b = Tensors.f32(values.length);
        b.put(0, values);
        return b;
    }
}
