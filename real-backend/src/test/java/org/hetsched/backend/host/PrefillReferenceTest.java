package org.hetsched.backend.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Random;
import org.hetsched.core.trace.PrefillCheck;
import org.junit.jupiter.api.Test;

class PrefillReferenceTest {
    /** Exact expected squared INT8 error of clipping {@code values} at {@code clip} (the model the search minimises). */
    private static double error(float[] values, double clip) {
        double step = clip / 127;
        double e = 0;
        for (float v : values) {
            double a = Math.abs(v);
            e += a <= clip ? step * step / 12 : (a - clip) * (a - clip);
        }
        return e;
    }

    @Test
    void mseOptimalClipFindsTheBruteForceMinimumAboveTheFloor() {
        Random r = new Random(1);
        float[] values = new float[20_000];
        for (int i = 0; i < values.length; i++) {
            // mostly unit-scale values, a few heavy ones: clipping the tail pays off
            values[i] = (float) (r.nextGaussian() * (i % 500 == 0 ? 40 : 1));
        }
        FloatBuffer t = Buffers.f32(values.length);
        t.put(0, values);
        double max = 0;
        for (float v : values) max = Math.max(max, Math.abs(v));
        double low = 3.0;
        double clip = PrefillReference.mseOptimalClip(t, values.length, low, max);
        assertTrue(clip >= low && clip <= max);
        double best = Double.POSITIVE_INFINITY;
        for (double c = low; c <= max; c += max / 20_000) best = Math.min(best, error(values, c));
        assertEquals(best, error(values, clip), best * 0.02, "within 2% of the brute-force minimum");
        assertTrue(error(values, clip) < error(values, max), "clipping beats max-abs here");
    }

    @Test
    void noClipWithoutATailWorthClippingOrWithoutRoomAboveTheFloor() {
        float[] values = {1, -1, 0.5f, 0.25f};
        FloatBuffer t = Buffers.f32(4);
        t.put(0, values);
        assertEquals(1.0, PrefillReference.mseOptimalClip(t, 4, 0.9, 1.0), 1.0 / 4096 + 1e-9);
        assertEquals(1.0, PrefillReference.mseOptimalClip(t, 4, 1.0, 1.0), "floor at the maximum: nothing to search");
        assertEquals(0.0, PrefillReference.mseOptimalClip(Buffers.f32(4), 4, 0, 0));
    }

    @Test
    void comparisonIsPerTokenRelativeL2AndInfiniteForNaN() {
        FloatBuffer actual = Buffers.f32(4);
        actual.put(0, new float[] {3, 4, 1, 0});
        PrefillCheck.Comparison c = PrefillReference.compare("x", actual, new float[] {3, 4, 2, 0}, 2, 2, 0.6);
        assertEquals(0.5, c.maxRelativeError(), 1e-12);
        assertEquals(0.25, c.meanRelativeError(), 1e-12);
        assertTrue(c.passed());
        actual.put(0, Float.NaN);
        PrefillCheck.Comparison nan = PrefillReference.compare("x", actual, new float[] {3, 4, 2, 0}, 2, 2, 0.6);
        assertFalse(nan.passed());
        assertTrue(nan.toString().contains("FAILED"), nan.toString());
    }
}
