package org.hetsched.profiles.calibrate;

import java.util.Arrays;
import org.hetsched.core.Median;

/**
 * Median, MAD and 3·MAD outlier rejection over repeated latency samples. Stateless.
 *
 * <p>Edge cases: no samples is an error; one sample is its own median with MAD 0; two samples give
 * their mean as median and half their distance as MAD (Commons Math's median interpolates), and
 * neither is ever rejected, since each lies exactly one MAD from the median.
 */
public final class RobustStats {
    /** Points farther than this many MADs from the median are dropped (a common robust cut-off). */
    public static final double OUTLIER_MADS = 3.0;

    private RobustStats() {
    }

    /**
     * Robust summary of one set of samples.
     *
     * @param medianNs median of the kept samples, ns
     * @param madNs    median absolute deviation of the kept samples from {@code medianNs}, ns (unscaled)
     * @param kept     samples kept
     * @param rejected samples dropped as outliers
     */
    public record Summary(double medianNs, double madNs, int kept, int rejected) {
        public Summary {
            if (!(medianNs >= 0) || !(madNs >= 0) || kept < 1 || rejected < 0) {
                throw new IllegalArgumentException("bad summary: median " + medianNs + " ns, MAD " + madNs + " ns, kept "
                        + kept + ", rejected " + rejected);
            }
        }
    }

    /**
     * Summarises {@code samplesNs}: median and MAD over all samples, then samples farther than
     * {@link #OUTLIER_MADS}·MAD from the median are dropped (none when MAD is 0) and median and MAD
     * are recomputed over the rest. O(n log n).
     *
     * @throws IllegalArgumentException if there are no samples or one is negative
     */
    public static Summary summarize(long[] samplesNs) {
        if (samplesNs.length == 0) throw new IllegalArgumentException("no samples to summarise");
        double[] all = new double[samplesNs.length];
        for (int i = 0; i < all.length; i++) {
            if (samplesNs[i] < 0) throw new IllegalArgumentException("negative sample " + samplesNs[i] + " ns at index " + i);
            all[i] = samplesNs[i];
        }
        double median = Median.of(all);
        double mad = mad(all, median);
        double limit = OUTLIER_MADS * mad;
        double[] kept = mad == 0 ? all : Arrays.stream(all).filter(x -> Math.abs(x - median) <= limit).toArray();
        double keptMedian = Median.of(kept);
        return new Summary(keptMedian, mad(kept, keptMedian), kept.length, all.length - kept.length);
    }

    private static double mad(double[] values, double median) {
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) deviations[i] = Math.abs(values[i] - median);
        return Median.of(deviations);
    }
}
