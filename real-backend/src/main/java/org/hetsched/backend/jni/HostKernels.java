package org.hetsched.backend.jni;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * The native host kernels: an INT8 lane (W8A8 per-tensor-quantised matrix multiply) and a float
 * lane (matrix multiply, RMSNorm, softmax, SiLU-gated product, RoPE, shadow-outlier correction).
 * Every {@code native} method of {@code libhetsched_host} is declared here.
 *
 * <p><b>Tensors</b> are row-major in <em>direct</em> buffers in native byte order
 * ({@code ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder())}, then
 * {@code asFloatBuffer()}/{@code asIntBuffer()} for float and int32 data). Native code works on
 * them in place through their addresses, so no call copies a tensor, and unlike
 * {@code GetPrimitiveArrayCritical} on heap arrays nothing pins the heap or stalls the GC while a
 * long kernel runs. A buffer's capacity must equal its shape's element count exactly; position
 * and limit are ignored. Use {@link ByteBuffer#slice(int, int)} to pass part of a larger buffer.
 *
 * <p><b>Validation</b> happens here, before any native code runs: dimensions must be at least 1,
 * buffers direct, native-ordered, writable where they are outputs and of exactly the right
 * capacity, scales finite and positive. Violations throw {@link KernelArgumentException} listing
 * every problem with the shapes involved. Outputs must not overlap the inputs of a matrix
 * multiply; the element-wise kernels allow {@code out} to be the input buffer itself.
 *
 * <p><b>Results</b> equal {@link ReferenceKernels} bit for bit on the INT8 lane, and to within
 * float rounding of {@code expf}/{@code cos}/{@code sin} on the float lane. Inner products sum over
 * the inner dimension in ascending order; nothing is threaded, so a call runs on the caller's core.
 *
 * <p><b>Thread-safety:</b> stateless; concurrent calls are safe if their outputs are disjoint.
 * Every method loads the library on first use and throws {@link NativeLibraryUnavailableException}
 * where it cannot be loaded.
 */
public final class HostKernels {
    private HostKernels() {
    }

    /**
     * INT8 lane: {@code out[m×n] = sat8(rint(float(A·W) · requantScale))} with {@code A[m×k]},
     * {@code W[k×n]} int8 and the products summed exactly in int32.
     *
     * <p>{@code requantScale} is the per-tensor multiplier {@code scaleA·scaleW/scaleOut}. Rounding
     * is to nearest with ties to even; results saturate to [-128, 127]. {@code k} is at most
     * 131071 so that the int32 sum cannot overflow. Cost: 2·m·k·n integer operations.
     */
    public static void matmulInt8Requant(ByteBuffer a, ByteBuffer w, ByteBuffer out, int m, int k, int n,
                                         float requantScale) {
        KernelContracts.matmulInt8("matmulInt8Requant", a, w, out, m, k, n);
        KernelContracts.requantScale("matmulInt8Requant", requantScale);
        NativeLibrary.load();
        nMatmulInt8Requant(a, w, out, m, k, n, requantScale);
    }

    /**
     * INT8 lane with a dequantised result: {@code out[m×n] = float(A·W) · scaleA · scaleW}
     * (multiplied left to right in float), the int32 sum as in {@link #matmulInt8Requant}.
     */
    public static void matmulInt8Dequant(ByteBuffer a, ByteBuffer w, FloatBuffer out, int m, int k, int n,
                                         float scaleA, float scaleW) {
        KernelContracts.matmulInt8("matmulInt8Dequant", a, w, out, m, k, n);
        KernelContracts.dequantScales("matmulInt8Dequant", scaleA, scaleW);
        NativeLibrary.load();
        nMatmulInt8Dequant(a, w, out, m, k, n, scaleA, scaleW);
    }

    /** Float lane: {@code out[m×n] = A[m×k] · W[k×n]}, overwriting {@code out}. Cost: 2·m·k·n flops. */
    public static void matmulF32(FloatBuffer a, FloatBuffer w, FloatBuffer out, int m, int k, int n) {
        KernelContracts.matmulF32(a, w, out, m, k, n);
        NativeLibrary.load();
        nMatmulF32(a, w, out, m, k, n);
    }

    /**
     * RMSNorm of each row: {@code out[i,j] = x[i,j] · r_i · gamma[j]} with
     * {@code r_i = 1/sqrt(mean_j(x[i,j]²) + eps)}, the sum of squares taken in double.
     */
    public static void rmsNorm(FloatBuffer x, FloatBuffer gamma, FloatBuffer out, int rows, int dim, float eps) {
        KernelContracts.rmsNorm(x, gamma, out, rows, dim, eps);
        NativeLibrary.load();
        nRmsNorm(x, gamma, out, rows, dim, eps);
    }

    /**
     * Softmax over each row of {@code x[rows×cols]}, in place, after subtracting the row maximum
     * (so any finite input gives finite output); each row sums to 1 within float rounding.
     */
    public static void softmaxRows(FloatBuffer x, int rows, int cols) {
        KernelContracts.softmaxRows(x, rows, cols);
        NativeLibrary.load();
        nSoftmaxRows(x, rows, cols);
    }

    /** SwiGLU's gated product: {@code out[i] = silu(gate[i]) · up[i]}, {@code silu(g) = g/(1+e^-g)}. */
    public static void siluGated(FloatBuffer gate, FloatBuffer up, FloatBuffer out, int count) {
        KernelContracts.siluGated(gate, up, out, count);
        NativeLibrary.load();
        nSiluGated(gate, up, out, count);
    }

    /**
     * Rotary position embedding, in place, on {@code x[rows×heads×headDim]} (row t is the token
     * at position {@code positionOffset + t}, so a chunk passes its first token's position).
     * Adjacent pairs {@code (2i, 2i+1)} of every head rotate by {@code pos·theta^(-2i/headDim)}
     * radians, the angle computed in double. {@code headDim} must be even.
     */
    public static void rope(FloatBuffer x, int rows, int heads, int headDim, int positionOffset, float theta) {
        KernelContracts.rope(x, rows, heads, headDim, positionOffset, theta);
        NativeLibrary.load();
        nRope(x, rows, heads, headDim, positionOffset, theta);
    }

    /**
     * Shadow-outlier correction: for each outlier {@code e} in order,
     * {@code out[rows[e], :] += values[e] · W[channels[e], :]} with {@code W[k×n]} float and
     * {@code out[m×n]}. {@code rows}, {@code channels} and {@code values} have one entry per
     * outlier (their common capacity is the count, possibly 0); rows lie in [0, m), channels in
     * [0, k), checked in Java in O(count). Cost: 2·count·n flops.
     */
    public static void shadowOutliers(IntBuffer rows, IntBuffer channels, FloatBuffer values, FloatBuffer w,
                                      FloatBuffer out, int m, int k, int n) {
        KernelContracts.shadowOutliers(rows, channels, values, w, out, m, k, n);
        int count = values.capacity();
        if (count == 0) {
            return;
        }
        NativeLibrary.load();
        nShadowOutliers(rows, channels, values, count, w, out, n);
    }

    private static native void nMatmulInt8Requant(ByteBuffer a, ByteBuffer w, ByteBuffer out, int m, int k, int n,
                                                  float requantScale);

    private static native void nMatmulInt8Dequant(ByteBuffer a, ByteBuffer w, FloatBuffer out, int m, int k, int n,
                                                  float scaleA, float scaleW);

    private static native void nMatmulF32(FloatBuffer a, FloatBuffer w, FloatBuffer out, int m, int k, int n);

    private static native void nRmsNorm(FloatBuffer x, FloatBuffer gamma, FloatBuffer out, int rows, int dim,
                                        float eps);

    private static native void nSoftmaxRows(FloatBuffer x, int rows, int cols);

    private static native void nSiluGated(FloatBuffer gate, FloatBuffer up, FloatBuffer out, int count);

    private static native void nRope(FloatBuffer x, int rows, int heads, int headDim, int positionOffset,
                                     float theta);

    private static native void nShadowOutliers(IntBuffer rows, IntBuffer channels, FloatBuffer values, int count,
                                               FloatBuffer w, FloatBuffer out, int n);
}
