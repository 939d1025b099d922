package org.hetsched.backend.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/** Direct, native-ordered buffers as the kernels require them. Stateless. */
final class Buffers {
    private Buffers() {
    }

    static FloatBuffer f32(long count) {
        return raw(count, Float.BYTES, "float").asFloatBuffer();
    }

    static IntBuffer i32(long count) {
        return raw(count, Integer.BYTES, "int").asIntBuffer();
    }

    static ByteBuffer i8(long count) {
        return raw(count, 1, "int8");
    }

    private static ByteBuffer raw(long count, int elementBytes, String what) {
        long bytes = Math.max(1, count) * elementBytes;
        if (bytes > Integer.MAX_VALUE) {
            // callers check sizes against the 2 GiB limit before allocating anything; this is the invariant
            throw new IllegalStateException("a " + what + " tensor of " + count + " elements exceeds the 2 GiB a direct buffer holds");
        }
        return ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    }
}
