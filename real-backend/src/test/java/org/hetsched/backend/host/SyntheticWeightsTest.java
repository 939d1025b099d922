package org.hetsched.backend.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class SyntheticWeightsTest {
    private static float[] values(FloatBuffer b) {
        float[] out = new float[b.capacity()];
        b.get(0, out);
        return out;
    }

    @Test
    void eachTensorIsDeterministicAndItsOwnStream() {
        FloatBuffer a = Buffers.f32(64 * 32);
        FloatBuffer b = Buffers.f32(64 * 32);
        SyntheticWeights.linear(a, 5, 1, SyntheticWeights.Tensor.Q, 64, 32, 2, 16);
        SyntheticWeights.linear(b, 5, 1, SyntheticWeights.Tensor.Q, 64, 32, 2, 16);
        assertArrayEquals(values(a), values(b));
        SyntheticWeights.linear(b, 5, 2, SyntheticWeights.Tensor.Q, 64, 32, 2, 16);
        assertNotEquals(values(a)[0], values(b)[0], "another layer, another stream");
        SyntheticWeights.linear(b, 6, 1, SyntheticWeights.Tensor.Q, 64, 32, 2, 16);
        assertNotEquals(values(a)[0], values(b)[0], "another seed, another stream");
    }

    @Test
    void linearWeightsHaveUnitGainAndVGetsItsPlantedColumns() {
        int k = 256;
        int n = 32;
        FloatBuffer w = Buffers.f32(k * n);
        SyntheticWeights.linear(w, 1, 0, SyntheticWeights.Tensor.K, k, n, 2, 16);
        double squares = 0;
        for (int i = 0; i < k * n; i++) {
            squares += w.get(i) * w.get(i);
            assertTrue(Math.abs(w.get(i)) <= Math.sqrt(3.0 / k));
        }
        assertEquals(1.0, squares / n, 0.1, "each output's weights sum to unit variance");
        FloatBuffer v = Buffers.f32(k * n);
        SyntheticWeights.linear(v, 1, 0, SyntheticWeights.Tensor.V, k, n, 2, 16);
        int[] planted = SyntheticWeights.plantedColumns(1, 0, 2, 16);
        assertEquals(2, planted.length);
        assertTrue(planted[0] < 16 && planted[1] >= 16, "one per KV head");
        for (int column = 0; column < n; column++) {
            double colSquares = 0;
            for (int row = 0; row < k; row++) colSquares += v.get(row * n + column) * v.get(row * n + column);
            boolean hot = column == planted[0] || column == planted[1];
            double gain2 = SyntheticWeights.OUTLIER_GAIN * SyntheticWeights.OUTLIER_GAIN;
            assertEquals(hot ? gain2 : 1.0, colSquares, hot ? 0.2 * gain2 : 0.2, "column " + column);
        }
    }

    @Test
    void streamedRowsEqualTheWholeTensor() {
        int k = 7;
        int n = 13;
        FloatBuffer whole = Buffers.f32(k * n);
        SyntheticWeights.linear(whole, 3, 0, SyntheticWeights.Tensor.LM_HEAD, k, n, 1, 2);
        SyntheticWeights.LinearStream stream = SyntheticWeights.stream(3, 0, SyntheticWeights.Tensor.LM_HEAD, k, n);
        FloatBuffer row = Buffers.f32(n);
        for (int r = 0; r < k; r++) {
            stream.nextRow(row);
            for (int j = 0; j < n; j++) assertEquals(whole.get(r * n + j), row.get(j), 0f);
        }
    }

    @Test
    void tokensAreInTheVocabularyAndNormsNearOne() {
        int[] tokens = SyntheticWeights.tokens(9, 500, 37);
        for (int t : tokens) assertTrue(t >= 0 && t < 37);
        assertArrayEquals(tokens, SyntheticWeights.tokens(9, 500, 37));
        FloatBuffer gamma = Buffers.f32(64);
        SyntheticWeights.norm(gamma, 9, 0, SyntheticWeights.Tensor.NORM_IN, 64);
        for (int i = 0; i < 64; i++) assertTrue(gamma.get(i) >= 0.9f && gamma.get(i) <= 1.1f);
    }
}
