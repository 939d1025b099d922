package org.hetsched.profiles.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.junit.jupiter.api.Test;

class RooflineTest {

    @Test
    void computeBoundMatmulIsFixedPlusMacsOverRate() {
        Roofline r = Curves.roofline(DType.INT8, 1000, 1e12, 1e15, 1);
        // 64·2048·2048 MACs at 1000 MAC/ns
        assertEquals(1000 + 64.0 * 2048 * 2048 / 1000, r.latencyNs(OpKind.LINEAR, 1, 64, 2048, 2048), 1e-6);
    }

    @Test
    void fewerRowsThanAPassCostAFullPass() {
        Roofline r = Curves.roofline(DType.INT8, 0, 1e12, 1e15, 256);
        double full = r.latencyNs(OpKind.LINEAR, 1, 256, 1024, 1024);
        assertEquals(full, r.latencyNs(OpKind.LINEAR, 1, 1, 1024, 1024), 1e-9);
        assertEquals(full, r.latencyNs(OpKind.LINEAR, 1, 100, 1024, 1024), 1e-9);
        assertEquals(2 * full, r.latencyNs(OpKind.LINEAR, 1, 512, 1024, 1024), 1e-6);
        assertEquals(4 * full, r.latencyNs(OpKind.ATTENTION_SCORE, 4, 64, 1024, 1024), 1e-6, "the fill applies per batch entry");
    }

    @Test
    void aFractionalFillPointIsContinuous() {
        Roofline r = Curves.roofline(DType.INT8, 0, 1e12, 1e15, 128.5);
        // 128.5 rows × 1024 × 1024 at 1000 MAC/ns, for any m up to the fill point
        assertEquals(128.5 * 1024 * 1024 / 1000, r.latencyNs(OpKind.LINEAR, 1, 100, 1024, 1024), 1e-6);
        assertEquals(128.5 * 1024 * 1024 / 1000, r.latencyNs(OpKind.LINEAR, 1, 128, 1024, 1024), 1e-6);
        assertEquals(129.0 * 1024 * 1024 / 1000, r.latencyNs(OpKind.LINEAR, 1, 129, 1024, 1024), 1e-6);
    }

    @Test
    void anIntegerFillPointPricesAsTheIntegerRowCount() {
        Roofline r = Curves.roofline(DType.INT8, 354_660, 3.2417e12, 7.7e10, 256);
        for (int m : new int[] {1, 32, 255, 256, 257, 1024}) {
            double compute = (double) Math.max(m, 256) * 2048 * 5504 / 3241.7;
            double memory = ((double) m * 2048 + 2048.0 * 5504 + (double) m * 5504) / 77.0;
            assertEquals(354_660 + Math.max(compute, memory), r.latencyNs(OpKind.LINEAR, 1, m, 2048, 5504), 1e-6, "m=" + m);
        }
    }

    @Test
    void memoryBoundMatmulReadsInputsWeightsAndOutputsOnce() {
        Roofline r = Curves.roofline(DType.FP16, 0, 1e15, 1e9, 1);
        // m=1: (1·4096 + 4096·4096 + 1·4096) elements of 2 bytes at 1 byte/ns
        assertEquals(2.0 * (4096 + 4096.0 * 4096 + 4096), r.latencyNs(OpKind.LINEAR, 1, 1, 4096, 4096), 1e-6);
    }

    @Test
    void elementwiseOpsReadAndWriteEveryElement() {
        Roofline r = Curves.roofline(DType.FP32, 10, 1e12, 2e9, 1);
        assertEquals(10 + 2.0 * 3 * 256 * 2048 * 4 / 2, r.latencyNs(OpKind.SOFTMAX, 3, 256, 1, 2048), 1e-6);
    }
}
