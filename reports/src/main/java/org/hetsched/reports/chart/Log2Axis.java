package org.hetsched.reports.chart;

import java.util.Collection;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;

/**
 * A base-2 logarithmic x axis for token counts (prompt lengths, chunk sizes), which sweeps take in
 * powers of two. XChart's log axes are base 10 only, so the chart plots log2(x) on a linear axis
 * and labels tick k as 2^k: "64", "512", "1K", "32K". Ticks between powers of two get no label,
 * which makes XChart (it wants unique labels) space ticks a whole power or more apart.
 */
final class Log2Axis {
    private Log2Axis() {
    }

    /** Whether {@code values} call for this axis: at least three distinct powers of two spanning 8× or more. */
    static boolean suits(Collection<Integer> values) {
        TreeSet<Integer> distinct = new TreeSet<>(values);
        if (distinct.size() < 3 || distinct.first() <= 0) return false;
        for (int v : distinct) {
            if (Integer.bitCount(v) != 1) return false;
        }
        return distinct.last() / distinct.first() >= 8;
    }

    /** Where {@code value} goes on the axis. */
    static double position(int value) {
        return Math.log(value) / Math.log(2);
    }

    /** Labels the x axis of {@code chart} in powers of two. */
    static void apply(XYChart chart) {
        chart.setCustomXAxisTickLabelsFormatter(Log2Axis::label);
    }

    /** "1K" for 1024 and its multiples, the integer below that, "" off the powers of two. */
    static String label(double position) {
        long k = Math.round(position);
        if (Math.abs(position - k) > 1e-9 || k < 0 || k > 62) return "";
        long value = 1L << k;
        return value >= 1024 ? (value / 1024) + "K" : Long.toString(value);
    }
}
