package org.hetsched.reports.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.hetsched.reports.sweep.SweepRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.lines.SeriesLines;

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
     * A published measurement set beside a line: drawn at {@code promptTokens}, with the prompt range it
     * covers as a horizontal bar when the range is wider than one length.
     *
     * @param line            the line it belongs to (a series key of the rows); it takes that line's colour
     * @param promptTokens    where it is drawn along x, in tokens (e.g. the mean of its range), &gt; 0
     * @param promptMinTokens the shortest prompt it covers, &gt; 0
     * @param promptMaxTokens the longest, &ge; the shortest
     * @param value           in the metric's unit, finite and &gt; 0
     */
    public record Published(String line, double promptTokens, int promptMinTokens, int promptMaxTokens, double value) {
        public Published {
            if (line == null || line.isBlank()) throw new IllegalArgumentException("a published point needs its line");
            if (!(promptTokens > 0) || promptMinTokens <= 0 || promptMaxTokens < promptMinTokens || !(value > 0)
                    || !Double.isFinite(value) || !Double.isFinite(promptTokens)) {
                throw new IllegalArgumentException("published point of '" + line + "' needs prompts > 0 with min <= max and a value > 0, got "
                        + promptTokens + " in " + promptMinTokens + ".." + promptMaxTokens + ": " + value);
            }
        }
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
     * As {@link #of(List, Function, SweepMetric, FigureSize)}, with published measurements overlaid:
     * per line one series named "line {@code publishedName}", open rings in the line's colour, each
     * with its prompt range as a capped horizontal bar. The y scale covers the published values too.
     *
     * @param published     the points; each names a line of {@code rows}
     * @param publishedName what the points are, for the legend, e.g. "(Table 5)"
     * @throws IllegalArgumentException as {@link #of(List, Function, SweepMetric, FigureSize)}, or if a
     *                                  point names no line
     */
    public static XYChart of(List<SweepRow> rows, Function<SweepRow, String> seriesKey, SweepMetric metric,
                             List<Published> published, String publishedName, FigureSize size) {
        Map<String, SortedMap<Integer, Double>> lines =
                SweepSeries.of(rows, seriesKey, SweepRow::promptTokens, "prompt length", metric);
        Map<String, List<Published>> byLine = new LinkedHashMap<>();
        SortedMap<Integer, Double> values = new TreeMap<>();
        for (Published p : published) {
            if (!lines.containsKey(p.line())) {
                throw new IllegalArgumentException("published point of '" + p.line() + "' has no line among " + lines.keySet());
            }
            byLine.computeIfAbsent(p.line(), k -> new ArrayList<>()).add(p);
            values.put(values.size(), p.value());
        }
        Map<String, SortedMap<Integer, Double>> scaled = new LinkedHashMap<>(lines);
        scaled.put("\u0000published", values);
        ValueScale scale = ValueScale.of(metric, scaled);
        List<String> styleOrder = List.copyOf(lines.keySet());
        XYChart chart = draw(scale.apply(lines), styleOrder, scale, size);
        List<Integer> xs = new ArrayList<>();
        for (SortedMap<Integer, Double> line : lines.values()) xs.addAll(line.keySet());
        boolean log2 = Log2Axis.suits(xs);
        for (Map.Entry<String, List<Published>> line : byLine.entrySet()) {
            Color color = Palette.series(styleOrder.indexOf(line.getKey()));
            List<RangeBars.Segment> ranges = new ArrayList<>();
            double[] x = new double[line.getValue().size()];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                Published p = line.getValue().get(i);
                x[i] = position(p.promptTokens(), log2);
                y[i] = p.value() / scale.divisor();
                if (p.promptMaxTokens() > p.promptMinTokens()) {
                    ranges.add(new RangeBars.Segment(y[i], position(p.promptMinTokens(), log2), position(p.promptMaxTokens(), log2)));
                }
            }
            if (!ranges.isEmpty()) RangeBars.add(chart, line.getKey() + " " + publishedName + " range", ranges, true, color);
            XYSeries points = chart.addSeries(line.getKey() + " " + publishedName, x, y);
            points.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            points.setLineStyle(SeriesLines.NONE);
            points.setMarker(new LinePlot.Ring());
            points.setMarkerColor(color);
        }
        return chart;
    }

    /** Where {@code tokens} goes on the x axis: log2 of it on a base-2 axis. */
    private static double position(double tokens, boolean log2) {
        return log2 ? Math.log(tokens) / Math.log(2) : tokens;
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
