package org.hetsched.reports.chart;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import org.hetsched.reports.sweep.SweepRow;
import org.knowm.xchart.XYChart;

/**
 * Latency (or speed) against prompt length: one line per policy, model or whatever key the caller
 * picks from each row. The x axis is base 2 when the prompt lengths are powers of two (see
 * {@link Log2Axis}); the y axis starts at 0 so that the slopes compare honestly, unless the values
 * span a decade or more, when it is logarithmic; times of 10 s or more are shown in s (see
 * {@link ValueScale}).
 */
public final class PromptLengthChart {
    /** X axis title. */
    public static final String X_AXIS = "prompt length (tokens)";

    private PromptLengthChart() {
    }

    /**
     * @param rows      sweep rows; each line gets at most one row per prompt length
     * @param seriesKey the line a row belongs to, e.g. {@code SweepRow::policy}; lines are in order of
     *                  first appearance in {@code rows}
     * @param metric    what y is
     * @throws IllegalArgumentException if {@code rows} is empty or one line has two rows at one prompt length
     */
    public static XYChart of(List<SweepRow> rows, Function<SweepRow, String> seriesKey, SweepMetric metric,
                             FigureSize size) {
        Map<String, SortedMap<Integer, Double>> lines =
                SweepSeries.of(rows, seriesKey, SweepRow::promptTokens, "prompt length", metric);
        ValueScale scale = ValueScale.of(metric, lines);
        return draw(scale.apply(lines), List.copyOf(lines.keySet()), scale, size);
    }

    /**
     * Small multiples: one panel per distinct {@code panelKey} (e.g. the model), one line per
     * {@code seriesKey} in each, on shared axes and one legend (see {@link FacetGrid}).
     *
     * @throws IllegalArgumentException as {@link #of}, per panel
     */
    public static FacetGrid faceted(List<SweepRow> rows, Function<SweepRow, String> panelKey,
                                    Function<SweepRow, String> seriesKey, SweepMetric metric, FigureSize size) {
        return LinePlot.facet(rows, panelKey, seriesKey, SweepRow::promptTokens, "prompt length", X_AXIS, metric, size,
                PromptLengthChart::draw);
    }

    private static XYChart draw(Map<String, SortedMap<Integer, Double>> lines, List<String> styleOrder, ValueScale scale,
                                FigureSize size) {
        XYChart chart = PaperStyle.xyChart(size, X_AXIS, scale.axisTitle());
        scale.applyTo(chart);
        // from 0 so that the slopes compare honestly; a log axis has no 0, and its slopes compare ratios
        if (!scale.logarithmic()) chart.getStyler().setYAxisMin(0.0);
        LinePlot.draw(chart, lines, styleOrder);
        return chart;
    }
}
