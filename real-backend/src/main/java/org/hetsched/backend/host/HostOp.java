package org.hetsched.backend.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Random;
import org.hetsched.backend.jni.HostKernels;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;

/**
 * The tensors of one distinct op shape on one lane and the kernel call that computes it. Tensors
 * are direct buffers filled from a seeded {@link Random} once; every task of this shape reuses them,
 * so a call measures the kernel, not allocation. The data flow between ops is not modelled: each op
 * reads its own inputs. Single-threaded: used by its lane's worker only.
 */
final class HostOp {
    /** RoPE base of Llama/Qwen configs; only the angles, not the cost, depend on it. */
    private static final float ROPE_THETA = 10000f;
    private static final float NORM_EPS = 1e-6f;
    /** Keeps random int8 products mostly inside int8 after requantisation; the cost does not depend on it. */
    private static final float INT8_REQUANT_SCALE = 1f / 4096f;

    private final Shape shape;
    private final ByteBuffer[] bytes;
    private final FloatBuffer[] floats;
    private final FloatBuffer[][] slices;
    private IntBuffer outlierRows;
    private IntBuffer outlierChannels;
    private FloatBuffer outlierValues;

    /**
     * @param kind     what the op computes
     * @param dtype    its dtype under the lane's placement (INT8 selects the W8A8 kernel for LINEAR)
     * @param batch    batch (heads for attention)
     * @param m        rows
     * @param k        inner dimension (1 for element-wise ops)
     * @param n        columns
     * @param headDim  RoPE head width for this op's n, see {@link #ropeHeadDim}
     */
    record Shape(OpKind kind, DType dtype, int batch, int m, int k, int n, int headDim) {
        boolean int8Linear() {
            return kind == OpKind.LINEAR && dtype == DType.INT8;
        }

        /** Bytes of every tensor this op needs, in the order {@link HostOp} allocates them. */
        long[] tensorBytes() {
            long bmk = (long) batch * m * k;
            long bkn = (long) batch * k * n;
            long bmn = (long) batch * m * n;
            return switch (kind) {
                case LINEAR -> int8Linear() ? new long[] {bmk, bkn, bmn} : new long[] {4 * bmk, 4 * bkn, 4 * bmn};
                case ATTENTION_SCORE, ATTENTION_VALUE -> new long[] {4 * bmk, 4 * bkn, 4 * bmn};
                case SHADOW_LINEAR -> new long[] {4 * bkn, 4 * bmn, 4L * k, 4L * k, 4L * k};
                case NORM -> new long[] {4 * bmn, 4L * n, 4 * bmn};
                case ACTIVATION, ELEMENTWISE -> new long[] {4 * bmn, 4 * bmn, 4 * bmn};
                case QUANTIZE, DEQUANTIZE -> new long[] {4 * bmn, bmn};
                case EMBEDDING, KV_APPEND -> new long[] {4 * bmn, 4 * bmn};
                case SOFTMAX, ROPE -> new long[] {4 * bmn};
            };
        }

        long bytes() {
            long sum = 0;
            for (long b : tensorBytes()) sum += b;
            return sum;
        }
    }

    HostOp(Shape shape, Random random) {
        this.shape = shape;
        long[] sizes = shape.tensorBytes();
        bytes = new ByteBuffer[sizes.length];
        floats = new FloatBuffer[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            bytes[i] = ByteBuffer.allocateDirect(Math.toIntExact(sizes[i])).order(ByteOrder.nativeOrder());
        }
        boolean int8Inputs = shape.int8Linear();
        for (int i = 0; i < sizes.length; i++) {
            boolean int8 = int8Inputs || (shape.kind() == OpKind.QUANTIZE && i == 1) || (shape.kind() == OpKind.DEQUANTIZE && i == 1);
            boolean ints = shape.kind() == OpKind.SHADOW_LINEAR && (i == 2 || i == 3);
            if (int8) {
                fillBytes(bytes[i], random);
            } else if (!ints) {
                floats[i] = bytes[i].asFloatBuffer();
                fillFloats(floats[i], random);
            }
        }
        if (shape.kind() == OpKind.SHADOW_LINEAR) {
            outlierRows = bytes[2].asIntBuffer();
            outlierChannels = bytes[3].asIntBuffer();
            // a few outliers, one per hot channel, as the shadow path expects
            outlierValues = floats[4];
            for (int e = 0; e < shape.k(); e++) {
                outlierRows.put(e, random.nextInt(shape.m()));
                outlierChannels.put(e, e);
            }
        }
        slices = shape.kind() == OpKind.ATTENTION_SCORE || shape.kind() == OpKind.ATTENTION_VALUE ? perBatch() : null;
    }

    /** Computes the op once; {@code positionOffset} is the chunk's first token position (RoPE only). */
    void run(int positionOffset) {
        Shape s = shape;
        int rows = s.batch() * s.m();
        int elements = rows * s.n();
        switch (s.kind()) {
            case LINEAR -> {
                if (s.int8Linear()) {
                    HostKernels.matmulInt8Requant(bytes[0], bytes[1], bytes[2], s.m(), s.k(), s.n(), INT8_REQUANT_SCALE);
                } else {
                    HostKernels.matmulF32(floats[0], floats[1], floats[2], s.m(), s.k(), s.n());
                }
            }
            case ATTENTION_SCORE, ATTENTION_VALUE -> {
                for (int b = 0; b < s.batch(); b++) {
                    HostKernels.matmulF32(slices[b][0], slices[b][1], slices[b][2], s.m(), s.k(), s.n());
                }
            }
            case SHADOW_LINEAR -> HostKernels.shadowOutliers(outlierRows, outlierChannels, outlierValues, floats[0], floats[1],
                    s.m(), s.k(), s.n());
            case NORM -> HostKernels.rmsNorm(floats[0], floats[1], floats[2], rows, s.n(), NORM_EPS);
            case SOFTMAX -> HostKernels.softmaxRows(floats[0], rows, s.n());
            case ROPE -> {
                if (s.headDim() >= 2) {
                    HostKernels.rope(floats[0], rows, s.n() / s.headDim(), s.headDim(), positionOffset, ROPE_THETA);
                }
            }
            case ACTIVATION -> HostKernels.siluGated(floats[0], floats[1], floats[2], elements);
            case ELEMENTWISE -> add(floats[0], floats[1], floats[2], elements);
            case QUANTIZE -> quantize(floats[0], bytes[1], elements);
            case DEQUANTIZE -> dequantize(bytes[1], floats[0], elements);
            case EMBEDDING, KV_APPEND -> floats[1].put(0, floats[0], 0, elements);
        }
    }

    /**
     * The head width RoPE rotates {@code n} columns in: the graph's attention head width when it
     * divides {@code n}, else {@code n} as one head when even, else 0 (nothing to rotate).
     */
    static int ropeHeadDim(int n, int attentionHeadDim) {
        if (attentionHeadDim >= 2 && attentionHeadDim % 2 == 0 && n % attentionHeadDim == 0) return attentionHeadDim;
        return n % 2 == 0 ? n : 0;
    }

    private FloatBuffer[][] perBatch() {
        Shape s = shape;
        int mk = s.m() * s.k();
        int kn = s.k() * s.n();
        int mn = s.m() * s.n();
        FloatBuffer[][] out = new FloatBuffer[s.batch()][];
        for (int b = 0; b < s.batch(); b++) {
            out[b] = new FloatBuffer[] {floats[0].slice(b * mk, mk), floats[1].slice(b * kn, kn), floats[2].slice(b * mn, mn)};
        }
        return out;
    }

    // The element-wise ops without a native kernel are plain loops over the direct buffers; the
    // JIT compiles them to the same memory-bound code a C loop would be.
    private static void add(FloatBuffer a, FloatBuffer b, FloatBuffer out, int count) {
        for (int i = 0; i < count; i++) out.put(i, a.get(i) + b.get(i));
    }

    private static void quantize(FloatBuffer x, ByteBuffer out, int count) {
        for (int i = 0; i < count; i++) {
            float q = Math.round(x.get(i) * 64f);
            out.put(i, (byte) Math.max(-128, Math.min(127, q)));
        }
    }

    private static void dequantize(ByteBuffer q, FloatBuffer out, int count) {
        for (int i = 0; i < count; i++) out.put(i, q.get(i) * (1f / 64f));
    }

    private static void fillBytes(ByteBuffer buffer, Random random) {
        byte[] block = new byte[1 << 16];
        for (int at = 0; at < buffer.capacity(); at += block.length) {
            random.nextBytes(block);
            buffer.put(at, block, 0, Math.min(block.length, buffer.capacity() - at));
        }
    }

    private static void fillFloats(FloatBuffer buffer, Random random) {
        for (int i = 0; i < buffer.capacity(); i++) buffer.put(i, random.nextFloat() - 0.5f);
    }
}
