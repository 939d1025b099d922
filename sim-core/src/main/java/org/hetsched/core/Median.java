package org.hetsched.core;

import java.util.Arrays;
import java.util.Collection;

/**
 * The median of a sample, the one implementation every module uses (robust statistics of
 * calibration, validation reports, parity charts).
 *
 * <ul>
 *   <li>odd count: the middle value of the sorted sample;</li>
 *   <li>even count: halfway between the two middle values, computed as
 *       {@code lower + 0.5 * (upper - lower)} — the arithmetic of Commons Math's {@code Median}
 *       (its default, legacy estimate), so results are the same to the last bit as where it was used;</li>
 *   <li>empty sample: {@link Double#NaN} (there is no median; callers that need a number decide
 *       what stands in for it).</li>
 * </ul>
 * A NaN value is refused rather than silently sorted or dropped. The input is not modified.
 * O(n log n) time, O(n) memory. Stateless.
 */
public final class Median {
    private Median() {
    }

    /**
     * @throws IllegalArgumentException if a value is NaN (naming its index)
     */
    public static double of(double... values) {
        double[] sorted = values.clone();
        for (int i = 0; i < sorted.length; i++) {
            if (Double.isNaN(sorted[i])) throw new IllegalArgumentException("the median of values with NaN at index " + i + " is undefined");
        }
        if (sorted.length == 0) return Double.NaN;
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        if (sorted.length % 2 == 1) return sorted[mid];
        double lower = sorted[mid - 1];
        double upper = sorted[mid];
        return lower + 0.5 * (upper - lower);
    }

    /** {@link #of(double...)} of longs (e.g. ns), each widened to double. */
    public static double of(long... values) {
        return of(Arrays.stream(values).asDoubleStream().toArray());
    }

    /** {@link #of(double...)} of boxed numbers, each as {@link Number#doubleValue()}. */
    public static double of(Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }
}
