package org.hetsched.backend.jni;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument contract of every kernel, checked once for {@link HostKernels} and
 * {@link ReferenceKernels} alike, so native code only ever sees consistent sizes. Each check
 * collects every problem and throws one {@link KernelArgumentException} listing them all.
 */
final class KernelContracts {
    /** Largest inner dimension whose worst-case int8 dot product, 16384·k, fits an int32. */
    static final int MAX_INT8_DEPTH = Integer.MAX_VALUE / (128 * 128);

    private final String kernel;
    private final List<String> problems = new ArrayList<>();

    private KernelContracts(String kernel) {
        this.kernel = kernel;
    }

    static void matmulInt8(String kernel, ByteBuffer a, ByteBuffer w, Buffer out, int m, int k, int n) {
        KernelContracts c = new KernelContracts(kernel).dims("m", m, "k", k, "n", n);
        if (k > MAX_INT8_DEPTH) {
            c.problems.add("k must be <= " + MAX_INT8_DEPTH + " (beyond it (-128)·(-128)·k overflows the int32"
                    + " accumulator) but is " + k);
        }
        c.tensor("a", a, false, "m×k", m, k);
        c.tensor("w", w, false, "k×n", k, n);
        c.tensor("out", out, true, "m×n", m, n);
        c.throwIfAny();
    }

    static void requantScale(String kernel, float scale) {
        new KernelContracts(kernel).scale("requantScale", scale).throwIfAny();
    }

    static void dequantScales(String kernel, float scaleA, float scaleW) {
        new KernelContracts(kernel).scale("scaleA", scaleA).scale("scaleW", scaleW).throwIfAny();
    }

    static void matmulF32(FloatBuffer a, FloatBuffer w, FloatBuffer out, int m, int k, int n) {
        KernelContracts c = new KernelContracts("matmulF32").dims("m", m, "k", k, "n", n);
        c.tensor("a", a, false, "m×k", m, k);
        c.tensor("w", w, false, "k×n", k, n);
        c.tensor("out", out, true, "m×n", m, n);
        c.throwIfAny();
    }

    static void rmsNorm(FloatBuffer x, FloatBuffer gamma, FloatBuffer out, int rows, int dim, float eps) {
        KernelContracts c = new KernelContracts("rmsNorm").dims("rows", rows, "dim", dim);
        c.tensor("x", x, false, "rows×dim", rows, dim);
        c.tensor("gamma", gamma, false, "dim", dim);
        c.tensor("out", out, true, "rows×dim", rows, dim);
        if (!(eps > 0f) || !Float.isFinite(eps)) {
            c.problems.add("eps must be finite and > 0 but is " + eps);
        }
        c.throwIfAny();
    }

    static void softmaxRows(FloatBuffer x, int rows, int cols) {
        KernelContracts c = new KernelContracts("softmaxRows").dims("rows", rows, "cols", cols);
        c.tensor("x", x, true, "rows×cols", rows, cols);
        c.throwIfAny();
    }

    static void siluGated(FloatBuffer gate, FloatBuffer up, FloatBuffer out, int count) {
        KernelContracts c = new KernelContracts("siluGated").dims("count", count);
        c.tensor("gate", gate, false, "count", count);
        c.tensor("up", up, false, "count", count);
        c.tensor("out", out, true, "count", count);
        c.throwIfAny();
    }

    static void rope(FloatBuffer x, int rows, int heads, int headDim, int positionOffset, float theta) {
        KernelContracts c = new KernelContracts("rope").dims("rows", rows, "heads", heads, "headDim", headDim);
        if (headDim > 0 && headDim % 2 != 0) {
            c.problems.add("headDim must be even (RoPE rotates pairs) but is " + headDim);
        }
        if (positionOffset < 0 || (long) positionOffset + rows > Integer.MAX_VALUE) {
            c.problems.add("positionOffset must be >= 0 with positionOffset + rows <= " + Integer.MAX_VALUE
                    + " but is " + positionOffset + " with rows " + rows);
        }
        c.scale("theta", theta);
        c.tensor("x", x, true, "rows×heads×headDim", rows, heads, headDim);
        c.throwIfAny();
    }

    static void shadowOutliers(IntBuffer rows, IntBuffer channels, FloatBuffer values, FloatBuffer w,
                               FloatBuffer out, int m, int k, int n) {
        KernelContracts c = new KernelContracts("shadowOutliers").dims("m", m, "k", k, "n", n);
        int count = values == null ? -1 : values.capacity();
        c.tensor("values", values, false, "count", Math.max(count, 0));
        c.tensor("rows", rows, false, "count", Math.max(count, 0));
        c.tensor("channels", channels, false, "count", Math.max(count, 0));
        c.tensor("w", w, false, "k×n", k, n);
        c.tensor("out", out, true, "m×n", m, n);
        if (c.problems.isEmpty()) {
            for (int e = 0; e < count; e++) {
                int row = rows.get(e);
                int channel = channels.get(e);
                if (row < 0 || row >= m) {
                    c.problems.add("outlier " + e + " has row " + row + " outside [0, m=" + m + ")");
                }
                if (channel < 0 || channel >= k) {
                    c.problems.add("outlier " + e + " has channel " + channel + " outside [0, k=" + k + ")");
                }
            }
        }
        c.throwIfAny();
    }

    private KernelContracts dims(Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            int value = (Integer) namesAndValues[i + 1];
            if (value < 1) {
                problems.add(namesAndValues[i] + " must be >= 1 but is " + value);
            }
        }
        return this;
    }

    private KernelContracts scale(String name, float value) {
        if (!(value > 0f) || !Float.isFinite(value)) {
            problems.add(name + " must be finite and > 0 but is " + value);
        }
        return this;
    }

    /** Checks that {@code buffer} is direct, native-ordered, writable if an output, and holds exactly the shape. */
    private void tensor(String name, Buffer buffer, boolean output, String shapeName, int... dims) {
        if (buffer == null) {
            problems.add(name + " is null");
            return;
        }
        if (!buffer.isDirect()) {
            problems.add(name + " must be a direct buffer (native code reads it in place)");
        }
        ByteOrder order = buffer instanceof FloatBuffer f ? f.order()
                : buffer instanceof IntBuffer i ? i.order() : ByteOrder.nativeOrder();
        if (order != ByteOrder.nativeOrder()) {
            problems.add(name + " must be in native byte order (" + ByteOrder.nativeOrder() + ") but is " + order);
        }
        if (output && buffer.isReadOnly()) {
            problems.add(name + " is an output but its buffer is read-only");
        }
        long elements = 1;
        StringBuilder shape = new StringBuilder();
        for (int d : dims) {
            if (d < 1) {
                return;
            }
            // Both factors are at most 2^31 here, so the product cannot overflow a long.
            elements *= d;
            shape.append(shape.length() == 0 ? "" : "×").append(d);
            if (elements > Integer.MAX_VALUE) {
                problems.add(name + " would hold " + shapeName + " = " + shape + "… values, more than a buffer can");
                return;
            }
        }
        if (buffer.capacity() != elements) {
            problems.add(name + " must hold " + shapeName + " = " + shape + " = " + elements
                    + " values but its buffer holds " + buffer.capacity());
        }
    }

    private void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new KernelArgumentException(kernel + ": " + String.join("; ", problems));
        }
    }
}
