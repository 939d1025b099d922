package org.hetsched.backend.host;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * One weight matrix {@code W[k×n]} (row-major, input × output) in the forms the lanes use: INT8
 * with its symmetric per-tensor scale {@code maxAbs/127}, and/or float32. A form no lane needs is
 * {@code null}. Mutable only while the backend prepares; read-only afterwards, so lanes may share it.
 */
final class LinearWeights {
    final int k;
    final int n;
    ByteBuffer int8;
    float scale;
    FloatBuffer f32;
    /** Relative RMS of the INT8 rounding error of W, {@code (scale/√12)/rms(W)}: its share of the quantisation tolerance. */
    double quantNoise;

    LinearWeights(int k, int n) {
        this.k = k;
        this.n = n;
    }

    int k() {
        return k;
    }

    int n() {
        return n;
    }

    ByteBuffer int8() {
        return int8;
    }

    float scale() {
        return scale;
    }

    FloatBuffer f32() {
        return f32;
    }

    /**
     * Sets the INT8 form (if allocated) and the scale from the float values in {@code source}, and
     * copies them into the float form (if allocated).
     */
    void setFrom(FloatBuffer source) {
        long count = (long) k * n;
        double maxAbs = 0;
        double squares = 0;
        for (int i = 0; i < count; i++) {
            double v = source.get(i);
            maxAbs = Math.max(maxAbs, Math.abs(v));
            squares += v * v;
        }
        scale = HostMath.scaleOf(maxAbs);
        double rms = Math.sqrt(squares / count);
        quantNoise = rms > 0 ? scale / Math.sqrt(12) / rms : 0;
        if (int8 != null) HostMath.quantize(source, int8, (int) count, scale);
        if (f32 != null && f32 != source) HostMath.copy(source, f32, (int) count);
    }
}
