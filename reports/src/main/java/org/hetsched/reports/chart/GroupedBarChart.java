package org.hetsched.reports.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * Values as groups of bars: one group per category along x, one bar colour per series (in the
 * legend below), bars from 0, each value printed inside its bar where it fits. When the values
 * span decades (as {@link PromptLengthChart}'s axes decide it), the value axis is base-10
 * logarithmic from the power of ten below the smallest value, so that short bars stay readable. For figures whose
 * numbers are not sweep rows (an ablation's steps per model, a published beside a simulated value).
 */
public final class GroupedBarChart {
    private GroupedBarChart() {
    }

    /**
     * @param groups     the categories along x, in order, distinct and not blank
     * @param series     series name → one value per group ({@code null} leaves a gap), in legend order;
     *                   at most {@link Palette#FILLS} series
     * @param yAxisTitle the value axis title with its unit, e.g. "prefill speed (tokens/s)"
     * @param decimals   the pattern of the value labels and the axis, e.g. "0.0"
     * @throws IllegalArgumentException if there is no group or series, a series has not one value per
     *                                  group, a value is negative or not finite, or groups repeat
     */
    public static CategoryChart of(List<String> groups, Map<String, List<Double>> series, String yAxisTitle, String decimals,
                                   FigureSize size) {
        if (groups.isEmpty() || series.isEmpty()) throw new IllegalArgumentException("grouped bars need a group and a series");
        if (groups.stream().distinct().count() != groups.size() || groups.stream().anyMatch(g -> g == null || g.isBlank())) {
            throw new IllegalArgumentException("bar groups must be distinct and named: " + groups);
        }
        double max = 0;
        double minPositive = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            if (s.getValue().size() != groups.size()) {
                throw new IllegalArgumentException("series '" + s.getKey() + "' has " + s.getValue().size() + " values for "
                        + groups.size() + " groups");
            }
            for (Double v : s.getValue()) {
                if (v == null) continue;
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("series '" + s.getKey() + "' has value " + v + "; bars need finite values >= 0");
                }
                max = Math.max(max, v);
                if (v > 0) minPositive = Math.min(minPositive, v);
            }
        }
        CategoryChart chart = PaperStyle.categoryChart(size, null, yAxisTitle);
        chart.getStyler().setXAxisTitleVisible(false);
        String widest = new DecimalFormat(decimals, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(max);
        BarPlot.style(chart, BarPlot.valueLabelsFit(widest, groups.size(), series.size(), size), decimals);
        if (ValueScale.logarithmic(minPositive, max)) {
            // bars that differ by decades: on a linear axis the short ones would be slivers
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(minPositive))));
        }
        int i = 0;
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            CategorySeries bars = chart.addSeries(s.getKey(), groups, s.getValue());
            bars.setFillColor(Palette.fill(i));
            bars.setLineColor(Palette.fill(i));
            i++;
        }
        BarPlot.labelCategories(chart, groups, size);
        return chart;
    }
}
