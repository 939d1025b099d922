package org.hetsched.reports.chart;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import org.knowm.xchart.XYChart;

/**
 * How a sweep chart's y axis shows a metric: in its unit, or for a time of
 * {@value GanttChart#SECONDS_FROM_MS} ms or more in seconds (whose ms ticks would read 150,000); and
 * on a base-10 log axis when the values span {@value ParityChart#LOG_FROM_SPAN}× or more and two powers
 * of ten or more (the only labelled ticks of a log axis), where a linear axis would flatten the fast
 * lines to zero.
 *
 * @param axisTitle   the axis title with the unit shown
 * @param divisor     values in the metric's unit are divided by this for the axis (1, or 1000 for ms → s)
 * @param logarithmic whether the axis is logarithmic
 */
record ValueScale(String axisTitle, double divisor, boolean logarithmic) {
    /** The scale for {@code lines} (name → x → value in {@code metric}'s unit); their positive values decide. */
    static ValueScale of(SweepMetric metric, Map<String, SortedMap<Integer, Double>> lines) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (SortedMap<Integer, Double> line : lines.values()) {
            for (double v : line.values()) {
                if (!(v > 0) || !Double.isFinite(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        boolean seconds = metric.isMilliseconds() && max >= GanttChart.SECONDS_FROM_MS;
        boolean log = logarithmic(min, max);
        return new ValueScale(seconds ? metric.secondsAxisTitle() : metric.axisTitle(), seconds ? 1000 : 1, log);
    }

    /**
     * Whether positive values from {@code min} to {@code max} call for a base-10 log axis: they span
     * {@value ParityChart#LOG_FROM_SPAN}× or more and two powers of ten or more.
     */
    static boolean logarithmic(double min, double max) {
        // a log axis labels only the powers of ten: it needs two of them in range to be readable
        return max > 0 && max / min >= ParityChart.LOG_FROM_SPAN
                && Math.floor(Math.log10(max)) - Math.ceil(Math.log10(min)) >= 1;
    }

    /** {@code lines} with every value divided by {@link #divisor}, in the same order. */
    Map<String, SortedMap<Integer, Double>> apply(Map<String, SortedMap<Integer, Double>> lines) {
        Map<String, SortedMap<Integer, Double>> scaled = new LinkedHashMap<>();
        for (Map.Entry<String, SortedMap<Integer, Double>> line : lines.entrySet()) {
            SortedMap<Integer, Double> points = new TreeMap<>();
            line.getValue().forEach((x, v) -> points.put(x, v / divisor));
            scaled.put(line.getKey(), points);
        }
        return scaled;
    }

    /** Titles {@code chart}'s y axis and makes it logarithmic if this scale is. */
    void applyTo(XYChart chart) {
        chart.setYAxisTitle(axisTitle);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
    }
}
