package org.hetsched.reports.chart;

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
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * A chunk-size sweep: per-token latency (or another metric) against chunk size, one line per
 * device, prompt mix or whatever key the caller picks, with each line's optimum ringed (series
 * {@value #OPTIMUM}). The x axis is base 2 when chunk sizes are powers of two; the y axis is
 * logarithmic when the values span a decade or more, and times of 10 s or more are shown in s (see
 * {@link ValueScale}).
 */
public final class ChunkSizeChart {
    /** Name of the series that marks each line's optimum. */
    public static final String OPTIMUM = "optimum";
    /** X axis title. */
    public static final String X_AXIS = "chunk size (tokens)";

    /**
     * One point of a line.
     *
     * @param chunkTokens chunk size, > 0
     * @param value       the metric at that chunk size, finite
     */
    public record Point(int chunkTokens, double value) {
        public Point {
            if (chunkTokens <= 0) throw new IllegalArgumentException("chunk size must be > 0 tokens, got " + chunkTokens);
            if (!Double.isFinite(value)) throw new IllegalArgumentException("value at chunk " + chunkTokens + " is " + value);
        }
    }

    private ChunkSizeChart() {
    }

    /**
     * From sweep rows.
     *
     * @param seriesKey the line a row belongs to, e.g. {@code SweepRow::device}; lines are in order of
     *                  first appearance
     * @throws IllegalArgumentException if {@code rows} is empty or one line has two rows at one chunk size
     */
    public static XYChart of(List<SweepRow> rows, Function<SweepRow, String> seriesKey, SweepMetric metric,
                             FigureSize size) {
        return draw(SweepSeries.of(rows, seriesKey, SweepRow::chunkTokens, "chunk size", metric), metric, size);
    }

    /**
     * Small multiples: one panel per distinct {@code panelKey}, one line per {@code seriesKey} in
     * each with its optimum ringed, on shared axes and one legend (see {@link FacetGrid}).
     *
     * @throws IllegalArgumentException as {@link #of(List, Function, SweepMetric, FigureSize)}, per panel
     */
    public static FacetGrid faceted(List<SweepRow> rows, Function<SweepRow, String> panelKey,
                                    Function<SweepRow, String> seriesKey, SweepMetric metric, FigureSize size) {
        return LinePlot.facet(rows, panelKey, seriesKey, SweepRow::chunkTokens, "chunk size", X_AXIS, metric, size,
                (lines, styleOrder, scale, panelSize) -> drawScaled(lines, styleOrder, scale, metric, panelSize));
    }

    /**
     * From points the caller computed.
     *
     * @param lines line name → its points, in the order to draw them
     * @throws IllegalArgumentException if there is no point, a line is empty or has two points at one chunk size
     */
    public static XYChart of(Map<String, List<Point>> lines, SweepMetric metric, FigureSize size) {
        return draw(sorted(lines), metric, size);
    }

    /**
     * The optimum of each line: its minimum (or maximum, for a metric where higher is better); a tie
     * goes to the smaller chunk.
     *
     * @throws IllegalArgumentException as {@link #of(Map, SweepMetric, FigureSize)}
     */
    public static Map<String, Point> optima(Map<String, List<Point>> lines, SweepMetric metric) {
        return optimaOf(sorted(lines), metric);
    }

    private static Map<String, Point> optimaOf(Map<String, SortedMap<Integer, Double>> lines, SweepMetric metric) {
        Map<String, Point> optima = new LinkedHashMap<>();
        for (Map.Entry<String, SortedMap<Integer, Double>> line : lines.entrySet()) {
            Point best = null;
            for (Map.Entry<Integer, Double> p : line.getValue().entrySet()) {
                boolean better = best == null
                        || (metric.lowerIsBetter() ? p.getValue() < best.value() : p.getValue() > best.value());
                if (better) best = new Point(p.getKey(), p.getValue());
            }
            optima.put(line.getKey(), best);
        }
        return optima;
    }

    private static Map<String, SortedMap<Integer, Double>> sorted(Map<String, List<Point>> lines) {
        if (lines.isEmpty()) throw new IllegalArgumentException("no line to chart");
        Map<String, SortedMap<Integer, Double>> sorted = new LinkedHashMap<>();
        for (Map.Entry<String, List<Point>> line : lines.entrySet()) {
            if (line.getValue().isEmpty()) throw new IllegalArgumentException("line '" + line.getKey() + "' has no point");
            SortedMap<Integer, Double> points = new TreeMap<>();
            for (Point p : line.getValue()) {
                if (points.put(p.chunkTokens(), p.value()) != null) {
                    throw new IllegalArgumentException("line '" + line.getKey() + "' has two points at chunk size " + p.chunkTokens());
                }
            }
            sorted.put(line.getKey(), points);
        }
        return sorted;
    }

    private static XYChart draw(Map<String, SortedMap<Integer, Double>> lines, SweepMetric metric, FigureSize size) {
        ValueScale scale = ValueScale.of(metric, lines);
        return drawScaled(scale.apply(lines), List.copyOf(lines.keySet()), scale, metric, size);
    }

    private static XYChart drawScaled(Map<String, SortedMap<Integer, Double>> lines, List<String> styleOrder, ValueScale scale,
                                      SweepMetric metric, FigureSize size) {
        XYChart chart = PaperStyle.xyChart(size, X_AXIS, scale.axisTitle());
        scale.applyTo(chart);
        boolean log2 = LinePlot.draw(chart, lines, styleOrder);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Point best : optimaOf(lines, metric).values()) {
            x.add(log2 ? Log2Axis.position(best.chunkTokens()) : best.chunkTokens());
            y.add(best.value());
        }
        XYSeries optimum = chart.addSeries(OPTIMUM, x, y);
        optimum.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        optimum.setLineStyle(SeriesLines.NONE);
        optimum.setMarker(new LinePlot.Ring());
        optimum.setMarkerColor(Palette.BLACK);
        optimum.setLineColor(Palette.BLACK);
        return chart;
    }
}
