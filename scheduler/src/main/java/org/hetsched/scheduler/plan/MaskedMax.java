package org.hetsched.scheduler.plan;

import java.util.Arrays;

/**
 * Running maxima of values, one per eligibility mask. The K/V rule is folded into ranks with one
 * running maximum per group; the c̄ of an implied edge depends on the eligibility of both ends,
 * so the maximum is kept per mask of the tasks folded in (a group has one or two distinct masks),
 * which keeps the fold exact without materialising the implied edges.
 *
 * <p>O(distinct masks) per call; single-threaded.
 */
final class MaskedMax {
    private int[] masks = new int[2];
    private double[] values = new double[2];
    private int size;

    void offer(int mask, double value) {
        for (int i = 0; i < size; i++) {
            if (masks[i] == mask) {
                if (value > values[i]) values[i] = value;
                return;
            }
        }
        if (size == masks.length) {
            masks = Arrays.copyOf(masks, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        masks[size] = mask;
        values[size++] = value;
    }

    int size() {
        return size;
    }

    int mask(int index) {
        return masks[index];
    }

    double value(int index) {
        return values[index];
    }
}
