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
 * {@link Log2Axis}); the y axis starts at 0 so that the slopes compare honestly.
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
        XYChart chart = PaperStyle.xyChart(size, X_AXIS, metric.axisTitle());
        chart.getStyler().setYAxisMin(0.0);
        LinePlot.draw(chart, lines);
        return chart;
    }
}
