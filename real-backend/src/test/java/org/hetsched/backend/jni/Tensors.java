package org.hetsched.backend.jni;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Random;

/** Direct, native-ordered test tensors filled from a seeded {@link Random}. */
final class Tensors {
    private Tensors() {
    }

    static ByteBuffer int8(int count) {
        return ByteBuffer.allocateDirect(count);
    }

    static ByteBuffer int8(int count, Random random) {
        ByteBuffer b = int8(count);
        for (int i = 0; i < count; i++) {
            b.put(i, (byte) (random.nextInt(256) - 128));
        }
        return b;
    }

    static ByteBuffer int8Filled(int count, int value) {
        ByteBuffer b = int8(count);
        for (int i = 0; i < count; i++) {
            b.put(i, (byte) value);
        }
        return b;
    }

    static FloatBuffer f32(int count) {
        return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Uniform in [-range, range). */
    static FloatBuffer f32(int count, Random random, float range) {
        FloatBuffer b = f32(count);
        for (int i = 0; i < count; i++) {
            b.put(i, (random.nextFloat() * 2f - 1f) * range);
        }
        return b;
    }

    static FloatBuffer copy(FloatBuffer source) {
        FloatBuffer b = f32(source.capacity());
        for (int i = 0; i < source.capacity(); i++) {
            b.put(i, source.get(i));
        }
        return b;
    }

    static IntBuffer i32(int[] values) {
        IntBuffer b = ByteBuffer.allocateDirect(values.length * Integer.BYTES).order(ByteOrder.nativeOrder()).asIntBuffer();
        for (int i = 0; i < values.length; i++) {
            b.put(i, values[i]);
        }
        return b;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.capacity()];
        b.get(0, out);
        return out;
    }

    static float[] floats(FloatBuffer b) {
        float[] out = new float[b.capacity()];
        b.get(0, out);
        return out;
    }

    /**
     * Fails unless |actual[i] - expected[i]| <= rel · max(floor, bound[i]) for every i, naming the
     * first offending index; {@code bound} is the magnitude the error scales with.
     */
    static void assertClose(float[] expected, float[] actual, float[] bound, float rel, float floor) {
        if (expected.length != actual.length) {
            throw new AssertionError("lengths differ: " + expected.length + " vs " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            float tolerance = rel * Math.max(floor, bound[i]);
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                throw new AssertionError("element " + i + ": expected " + expected[i] + " but native gave "
                        + actual[i] + " (tolerance " + tolerance + ")");
            }
        }
    }

    static float[] abs(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.abs(values[i]);
        }
        return out;
    }
}
