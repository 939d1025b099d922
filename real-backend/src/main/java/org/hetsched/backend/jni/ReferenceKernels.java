package org.hetsched.backend.jni;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * Plain-Java references of every {@link HostKernels} kernel, with the same arguments, the same
 * validation and the same order of operations, written for clarity rather than speed. They are
 * the oracle of the kernel tests; their results match the native ones bit for bit on the INT8
 * lane and within float rounding of the transcendental functions on the float lane.
 *
 * <p>Stateless and thread-safe under the same conditions as {@link HostKernels}; they need no
 * native library and run anywhere.
 */
public final class ReferenceKernels {
    private ReferenceKernels() {
    }

    /** Reference of {@link HostKernels#matmulInt8Requant}. */
    public static void matmulInt8Requant(ByteBuffer a, ByteBuffer w, ByteBuffer out, int m, int k, int n,
                                         float requantScale) {
        KernelContracts.matmulInt8("matmulInt8Requant", a, w, out, m, k, n);
        KernelContracts.requantScale("matmulInt8Requant", requantScale);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out.put(i * n + j, requantise(dotInt8(a, w, i, j, k, n), requantScale));
            }
        }
    }

    /** Reference of {@link HostKernels#matmulInt8Dequant}. */
    public static void matmulInt8Dequant(ByteBuffer a, ByteBuffer w, FloatBuffer out, int m, int k, int n,
                                         float scaleA, float scaleW) {
        KernelContracts.matmulInt8("matmulInt8Dequant", a, w, out, m, k, n);
        KernelContracts.dequantScales("matmulInt8Dequant", scaleA, scaleW);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out.put(i * n + j, (float) dotInt8(a, w, i, j, k, n) * scaleA * scaleW);
            }
        }
    }

    /** Reference of {@link HostKernels#matmulF32}. */
    public static void matmulF32(FloatBuffer a, FloatBuffer w, FloatBuffer out, int m, int k, int n) {
        KernelContracts.matmulF32(a, w, out, m, k, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a.get(i * k + p) * w.get(p * n + j);
                }
                out.put(i * n + j, sum);
            }
        }
    }

    /** Reference of {@link HostKernels#rmsNorm}. */
    public static void rmsNorm(FloatBuffer x, FloatBuffer gamma, FloatBuffer out, int rows, int dim, float eps) {
        KernelContracts.rmsNorm(x, gamma, out, rows, dim, eps);
        for (int i = 0; i < rows; i++) {
            double sumSquares = 0.0;
            for (int j = 0; j < dim; j++) {
                double v = x.get(i * dim + j);
                sumSquares += v * v;
            }
            float inv = (float) (1.0 / Math.sqrt(sumSquares / dim + (double) eps));
            for (int j = 0; j < dim; j++) {
                out.put(i * dim + j, x.get(i * dim + j) * inv * gamma.get(j));
            }
        }
    }

    /** Reference of {@link HostKernels#softmaxRows}. */
    public static void softmaxRows(FloatBuffer x, int rows, int cols) {
        KernelContracts.softmaxRows(x, rows, cols);
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            float max = x.get(base);
            for (int j = 1; j < cols; j++) {
                max = Math.max(max, x.get(base + j));
            }
            double sum = 0.0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x.get(base + j) - max);
                x.put(base + j, e);
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < cols; j++) {
                x.put(base + j, x.get(base + j) * inv);
            }
        }
    }

    /** Reference of {@link HostKernels#siluGated}. */
    public static void siluGated(FloatBuffer gate, FloatBuffer up, FloatBuffer out, int count) {
        KernelContracts.siluGated(gate, up, out, count);
        for (int i = 0; i < count; i++) {
            float g = gate.get(i);
            out.put(i, g / (1f + (float) Math.exp(-g)) * up.get(i));
        }
    }

    /** Reference of {@link HostKernels#rope}. */
    public static void rope(FloatBuffer x, int rows, int heads, int headDim, int positionOffset, float theta) {
        KernelContracts.rope(x, rows, heads, headDim, positionOffset, theta);
        for (int t = 0; t < rows; t++) {
            double pos = (double) positionOffset + t;
            for (int i = 0; i < headDim / 2; i++) {
                double angle = pos * Math.pow(theta, -2.0 * i / headDim);
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                for (int h = 0; h < heads; h++) {
                    int at = (t * heads + h) * headDim + 2 * i;
                    float x0 = x.get(at);
                    float x1 = x.get(at + 1);
                    x.put(at, x0 * c - x1 * s);
                    x.put(at + 1, x0 * s + x1 * c);
                }
            }
        }
    }

    /** Reference of {@link HostKernels#shadowOutliers}. */
    public static void shadowOutliers(IntBuffer rows, IntBuffer channels, FloatBuffer values, FloatBuffer w,
                                      FloatBuffer out, int m, int k, int n) {
        KernelContracts.shadowOutliers(rows, channels, values, w, out, m, k, n);
        for (int e = 0; e < values.capacity(); e++) {
            int row = rows.get(e);
            int channel = channels.get(e);
            float value = values.get(e);
            for (int j = 0; j < n; j++) {
                out.put(row * n + j, out.get(row * n + j) + value * w.get(channel * n + j));
            }
        }
    }

    /** {@code sat8(rint(float(acc) · scale))}: round half to even, saturate to [-128, 127]. */
    static byte requantise(int acc, float scale) {
        float rounded = (float) Math.rint((float) acc * scale);
        return (byte) Math.max(-128f, Math.min(127f, rounded));
    }

    private static int dotInt8(ByteBuffer a, ByteBuffer w, int i, int j, int k, int n) {
        int sum = 0;
        for (int p = 0; p < k; p++) {
            sum += a.get(i * k + p) * w.get(p * n + j);
        }
        return sum;
    }
}
