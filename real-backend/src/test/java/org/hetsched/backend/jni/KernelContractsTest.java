package org.hetsched.backend.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/**
 * Argument checks run in Java before the library is loaded, so these tests run on every
 * platform and call {@link HostKernels} directly.
 */
class KernelContractsTest {

    @Test
    void rejectsMismatchedShapesNamingThem() {
        KernelArgumentException e = assertThrows(KernelArgumentException.class, () -> HostKernels.matmulInt8Requant(
                Tensors.int8(5), Tensors.int8(12), Tensors.int8(8), 2, 3, 4, 0.01f));
        assertEquals("matmulInt8Requant: a must hold m×k = 2×3 = 6 values but its buffer holds 5", e.getMessage());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        KernelArgumentException e = assertThrows(KernelArgumentException.class, () -> HostKernels.matmulF32(
                Tensors.f32(6), FloatBuffer.allocate(12), Tensors.f32(7), 2, 3, 4));
        assertEquals("matmulF32: w must be a direct buffer (native code reads it in place);"
                + " out must hold m×n = 2×4 = 8 values but its buffer holds 7", e.getMessage());
    }

    @Test
    void rejectsZeroScale() {
        KernelArgumentException e = assertThrows(KernelArgumentException.class, () -> HostKernels.matmulInt8Requant(
                Tensors.int8(1), Tensors.int8(1), Tensors.int8(1), 1, 1, 1, 0f));
        assertEquals("matmulInt8Requant: requantScale must be finite and > 0 but is 0.0", e.getMessage());
    }

    @Test
    void rejectsNonFiniteOrNegativeDequantScales() {
        KernelArgumentException e = assertThrows(KernelArgumentException.class, () -> HostKernels.matmulInt8Dequant(
                Tensors.int8(1), Tensors.int8(1), Tensors.f32(1), 1, 1, 1, Float.NaN, -1f));
        assertEquals("matmulInt8Dequant: scaleA must be finite and > 0 but is NaN;"
                + " scaleW must be finite and > 0 but is -1.0", e.getMessage());
    }

    @Test
    void rejectsZeroDimensions() {
        KernelArgumentException e = assertThrows(KernelArgumentException.class, () -> HostKernels.matmulInt8Dequant(
                Tensors.int8(1), Tensors.int8(1), Tensors.f32(1), 0, 1, 1, 1f, 1f));
        assertTrue(e.getMessage().startsWith("matmulInt8Dequant: m must be >= 1 but is 0"), e.getMessage());
    }

    @Test
    void rejectsDepthThatWouldOverflowTheInt32Accumulator() {
        int k = KernelContracts.MAX_INT8_DEPTH + 1;
        KernelArgumentException e = assertThrows(KernelArgumentException.class, () -> HostKernels.matmulInt8Requant(
                Tensors.int8(k), Tensors.int8(k), Tensors.int8(1), 1, k, 1, 1f));
        assertEquals("matmulInt8Requant: k must be <= 131071 (beyond it (-128)·(-128)·k overflows the int32"
                + " accumulator) but is 131072", e.getMessage());
    }

    @Test
    void rejectsForeignByteOrderAndReadOnlyOutput() {
        ByteOrder foreign = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        FloatBuffer swapped = ByteBuffer.allocateDirect(4 * Float.BYTES).order(foreign).asFloatBuffer();
        KernelArgumentException e = assertThrows(KernelArgumentException.class, () -> HostKernels.siluGated(
                swapped, Tensors.f32(4), Tensors.f32(4).asReadOnlyBuffer(), 4));
        assertEquals("siluGated: gate must be in native byte order (" + ByteOrder.nativeOrder() + ") but is "
                + foreign + "; out is an output but its buffer is read-only", e.getMessage());
    }

    @Test
    void rejectsOddHeadDimForRope() {
        KernelArgumentException e = assertThrows(KernelArgumentException.class,
                () -> HostKernels.rope(Tensors.f32(6), 2, 1, 3, 0, 10000f));
        assertEquals("rope: headDim must be even (RoPE rotates pairs) but is 3", e.getMessage());
    }

    @Test
    void rejectsOutliersOutsideTheMatrices() {
        KernelArgumentException e = assertThrows(KernelArgumentException.class, () -> HostKernels.shadowOutliers(
                Tensors.i32(new int[] {0, 2}), Tensors.i32(new int[] {-1, 1}), Tensors.f32(2),
                Tensors.f32(6), Tensors.f32(6), 2, 2, 3));
        assertEquals("shadowOutliers: outlier 0 has channel -1 outside [0, k=2);"
                + " outlier 1 has row 2 outside [0, m=2)", e.getMessage());
    }

    @Test
    void rejectsOutlierListsOfDifferentLengths() {
        KernelArgumentException e = assertThrows(KernelArgumentException.class, () -> HostKernels.shadowOutliers(
                Tensors.i32(new int[] {0}), Tensors.i32(new int[] {0, 1}), Tensors.f32(2),
                Tensors.f32(6), Tensors.f32(6), 2, 2, 3));
        assertEquals("shadowOutliers: rows must hold count = 2 = 2 values but its buffer holds 1", e.getMessage());
    }

    @Test
    void leavesOutputUntouchedWithNoOutliers() {
        FloatBuffer out = Tensors.f32(6);
        out.put(0, 3f);
        HostKernels.shadowOutliers(Tensors.i32(new int[0]), Tensors.i32(new int[0]), Tensors.f32(0),
                Tensors.f32(6), out, 2, 2, 3);
        assertEquals(3f, out.get(0));
    }

    @Test
    void referenceAppliesTheSameContract() {
        assertThrows(KernelArgumentException.class, () -> ReferenceKernels.matmulInt8Requant(
                Tensors.int8(5), Tensors.int8(12), Tensors.int8(8), 2, 3, 4, 0.01f));
    }

    @Test
    void requantiseRoundsHalfToEvenAndSaturates() {
        assertEquals(2, ReferenceKernels.requantise(5, 0.5f));
        assertEquals(-2, ReferenceKernels.requantise(-5, 0.5f));
        assertEquals(4, ReferenceKernels.requantise(7, 0.5f));
        assertEquals(127, ReferenceKernels.requantise(1000, 1f));
        assertEquals(-128, ReferenceKernels.requantise(-1000, 1f));
    }
}
