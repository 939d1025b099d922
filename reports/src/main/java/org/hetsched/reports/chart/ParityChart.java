package org.hetsched.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hetsched.core.Units;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Simulated against measured durations: one point per task (x = simulated, y = measured), one
 * series per policy, each policy's makespan ringed in its colour (series "policy {@value
 * #MAKESPAN}"), the line y = x (series {@value #IDENTITY}) and dashed lines at ±{@value
 * #BAND_PERCENT}% of it (series {@value #BAND}). A point above the line took longer than
 * simulated.
 *
 * <p>Both axes have the same range and unit (µs, ms or s, the largest in which the biggest value is
 * at least 1), so y = x is the diagonal when the plot is square: give the figure a height near its
 * width. They are base-10 logarithmic when the values span a decade or more (task durations and
 * makespans usually span several), else linear from 0; on log axes a point with a zero coordinate
 * cannot be drawn and is left out ({@link #logarithmic} says which).
 *
 * <p>{@link #ofValues} draws the same comparison for numbers in any unit (predicted against
 * published, e.g. a reproduction's targets), with published ranges as bars.
 *
 * <p>Building is O(points) in time and memory.
 */
public final class ParityChart {
    /** Name of the y = x series. */
    public static final String IDENTITY = "y = x";
    /** How far the band lines are from y = x, in percent. */
    public static final int BAND_PERCENT = 10;
    /** Name of the band series (its lower line is not in the legend). */
    public static final String BAND = "±" + BAND_PERCENT + "%";
    /** Suffix of each policy's makespan series. */
    public static final String MAKESPAN = "makespan";
    /** Name of the x = 1 line of {@link #ofRatios} (its y = 1 partner is not in the legend). */
    public static final String UNITY = "1×";
    /** About how many ticks {@link #ofRatios} puts on an axis, and its margin in steps beyond the values. */
    private static final double RATIO_TICKS = 5;
    private static final double RATIO_MARGIN = 0.3;
    private static final double MIN_RATIO_STEP = 0.01;
    /** Name of the lower band line. */
    static final String BAND_LOWER = BAND + " (lower)";
    /** Values spanning this factor or more get log axes. */
    static final double LOG_FROM_SPAN = 10;
    /** On a log axis, how far past the last decade tick the axis runs, so that the tick's label fits. */
    private static final double DECADE_LABEL_ROOM = 2;

    /** Room around the points: a factor on log axes, a fraction of the range on linear ones. */
    private static final double LOG_MARGIN = 1.6;
    private static final double LINEAR_MARGIN = 0.05;
    /** Task points are drawn a little see-through, so that piles of them show as darker. */
    private static final int POINT_ALPHA = 170;

    /**
     * A simulated and a measured duration of the same thing (a task, or a whole run).
     *
     * @param simulatedNs simulated duration, finite and ≥ 0
     * @param measuredNs  measured duration, finite and ≥ 0
     */
    public record Point(double simulatedNs, double measuredNs) {
        public Point {
            if (!(Double.isFinite(simulatedNs) && simulatedNs >= 0 && Double.isFinite(measuredNs) && measuredNs >= 0)) {
                throw new IllegalArgumentException("durations must be finite and >= 0 ns, got simulated " + simulatedNs
                        + " and measured " + measuredNs);
            }
        }
    }

    /**
     * One policy's points.
     *
     * @param name     legend name, e.g. the policy; not blank
     * @param tasks    one point per task (may be empty)
     * @param makespan the run's makespan, simulated and measured
     */
    public record Series(String name, List<Point> tasks, Point makespan) {
        public Series {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("a parity series needs a name");
            if (makespan == null) throw new IllegalArgumentException("series '" + name + "' has no makespan point");
            tasks = List.copyOf(tasks);
        }
    }

    private ParityChart() {
    }

    /**
     * @param series in legend order; each gets the palette's next colour and marker
     * @throws IllegalArgumentException if there is no series, two share a name, or a name clashes
     *                                  with the reference lines'
     */
    public static XYChart of(List<Series> series, FigureSize size) {
        if (series.isEmpty()) throw new IllegalArgumentException("no series to chart");
        Set<String> names = new HashSet<>(List.of(IDENTITY, BAND, BAND_LOWER));
        for (Series s : series) {
            if (!names.add(s.name()) || !names.add(s.name() + " " + MAKESPAN)) {
                throw new IllegalArgumentException("parity series name '" + s.name() + "' is used twice or clashes with a line's");
            }
        }
        boolean log = logarithmic(series);
        double maxNs = 0;
        double minPositiveNs = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            for (Point p : points(s)) {
                for (double v : new double[] {p.simulatedNs(), p.measuredNs()}) {
                    maxNs = Math.max(maxNs, v);
                    if (v > 0) minPositiveNs = Math.min(minPositiveNs, v);
                }
            }
        }
        Unit unit = Unit.of(maxNs);
        double lo;
        double hi;
        if (log) {
            lo = minPositiveNs / unit.ns / LOG_MARGIN;
            hi = maxNs / unit.ns * LOG_MARGIN;
        } else {
            lo = 0;
            hi = maxNs == 0 ? 1 : maxNs / unit.ns * (1 + LINEAR_MARGIN);
        }
        XYChart chart = frame(size, "simulated duration (" + unit.label + ")", "measured duration (" + unit.label + ")", log, lo, hi);

        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color color = Palette.series(i);
            List<Point> tasks = log ? s.tasks().stream().filter(ParityChart::drawableOnLog).toList() : s.tasks();
            if (!tasks.isEmpty()) {
                XYSeries points = scatter(chart, s.name(), tasks, unit);
                points.setMarker(Palette.marker(i));
                points.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), POINT_ALPHA));
            }
            if (!log || drawableOnLog(s.makespan())) {
                XYSeries makespan = scatter(chart, s.name() + " " + MAKESPAN, List.of(s.makespan()), unit);
                makespan.setMarker(new LinePlot.Ring());
                makespan.setMarkerColor(color);
            }
        }
        return chart;
    }

    /**
     * A predicted number beside a published one, in the same unit (a run's latency, a ratio); the
     * published one may be a range.
     *
     * @param predicted     the prediction, finite and &ge; 0 (x)
     * @param published     the published value the error is measured from (y): the value, or for a
     *                      range its end nearer the prediction, or the prediction itself inside it
     * @param publishedLow  the range's low end (the value itself when it is not a range), &gt; 0
     * @param publishedHigh the range's high end, &ge; low; {@code +Infinity} for "more than low"
     */
    public record Value(double predicted, double published, double publishedLow, double publishedHigh) {
        public Value {
            if (!(Double.isFinite(predicted) && predicted >= 0 && publishedLow > 0 && Double.isFinite(publishedLow)
                    && publishedHigh >= publishedLow && published >= publishedLow && published <= publishedHigh
                    && Double.isFinite(published))) {
                throw new IllegalArgumentException("a value needs a prediction >= 0 and a published value in a range > 0, got "
                        + predicted + " vs " + published + " in " + publishedLow + ".." + publishedHigh);
            }
        }

        /** Whether the published value is a range (drawn as a bar). */
        boolean isRange() {
            return publishedHigh > publishedLow;
        }
    }

    /**
     * One kind of value (e.g. one metric), drawn as one scatter.
     *
     * @param name   legend name, not blank
     * @param values at least one
     */
    public record ValueSeries(String name, List<Value> values) {
        public ValueSeries {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("a value series needs a name");
            values = List.copyOf(values);
            if (values.isEmpty()) throw new IllegalArgumentException("value series '" + name + "' has no value");
        }
    }

    /**
     * Predicted (x) against published (y) numbers in whatever unit each series has: one scatter per
     * series in the palette's styles, each published range as a capped vertical bar through its
     * point, y = x and the ±{@value #BAND_PERCENT}% band. Both axes have the same range; base-10
     * logarithmic when the values span a decade or more (then a value with a 0 cannot be drawn and
     * is left out), else linear from 0. An open range's bar ends at the top of the plot.
     *
     * @param xAxisTitle e.g. "predicted (unit of each target)"
     * @throws IllegalArgumentException if there is no series, or names clash with each other's or the lines'
     */
    public static XYChart ofValues(List<ValueSeries> series, String xAxisTitle, String yAxisTitle, FigureSize size) {
        if (series.isEmpty()) throw new IllegalArgumentException("no series to chart");
        Set<String> names = new HashSet<>(List.of(IDENTITY, BAND, BAND_LOWER));
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (ValueSeries s : series) {
            if (!names.add(s.name()) || !names.add(s.name() + " range")) {
                throw new IllegalArgumentException("value series name '" + s.name() + "' is used twice or clashes with a line's");
            }
            for (Value v : s.values()) {
                for (double d : new double[] {v.predicted(), v.publishedLow(), v.publishedHigh()}) {
                    if (!(d > 0) || Double.isInfinite(d)) continue;
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
        }
        boolean log = max > 0 && max / min >= LOG_FROM_SPAN;
        double lo = log ? min / LOG_MARGIN : 0;
        double hi = log ? max * LOG_MARGIN : max == 0 ? 1 : max * (1 + LINEAR_MARGIN);
        XYChart chart = frame(size, xAxisTitle, yAxisTitle, log, lo, hi);
        addValues(chart, series, log, hi);
        return chart;
    }

    /**
     * Ratios (e.g. speedups) predicted (x) against measured (y), drawn as {@link #ofValues} draws
     * values, but on linear axes zoomed to the values and 1 (ratios cluster near 1, where a range
     * from 0 would squeeze them), with dotted lines at x = 1 and y = 1 (series {@value #UNITY}): a
     * point in the top-left or bottom-right quarter is a ratio predicted on the wrong side of 1.
     *
     * @throws IllegalArgumentException if there is no series, or names clash with each other's or the lines'
     */
    public static XYChart ofRatios(List<ValueSeries> series, String xAxisTitle, String yAxisTitle, FigureSize size) {
        checkNames(series);
        double min = 1;
        double max = 1;
        for (ValueSeries s : series) {
            for (Value v : s.values()) {
                for (double d : new double[] {v.predicted(), v.publishedLow(), v.publishedHigh()}) {
                    if (Double.isInfinite(d)) continue;
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
        }
        double step = niceStep((max - min) / RATIO_TICKS);
        double lo = Math.max(0, step * Math.floor(min / step - RATIO_MARGIN));
        double hi = step * Math.ceil(max / step + RATIO_MARGIN);
        XYChart chart = frame(size, xAxisTitle, yAxisTitle, false, lo, hi);
        BasicStroke dotted = new BasicStroke(PaperStyle.unitsF(0.6), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                new float[] {PaperStyle.unitsF(0.6), PaperStyle.unitsF(1.8)}, 0f);
        // past the axes both ways, clipped to the plot as y = x is
        double from = lo - (hi - lo);
        double to = hi + (hi - lo);
        XYSeries vertical = chart.addSeries(UNITY, new double[] {1, 1}, new double[] {from, to});
        XYSeries horizontal = chart.addSeries(UNITY + " (y)", new double[] {from, to}, new double[] {1, 1});
        for (XYSeries line : List.of(vertical, horizontal)) {
            line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Palette.GREY);
            line.setLineStyle(dotted);
        }
        horizontal.setShowInLegend(false);
        addValues(chart, series, false, hi);
        return chart;
    }

    /** 1, 2 or 5 times a power of ten, the smallest at least {@code raw} (0.01 for a zero range). */
    private static double niceStep(double raw) {
        if (!(raw > 0)) return MIN_RATIO_STEP;
        double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double f : new double[] {1, 2, 5}) {
            if (f * decade >= raw) return Math.max(MIN_RATIO_STEP, f * decade);
        }
        return Math.max(MIN_RATIO_STEP, 10 * decade);
    }

    private static void checkNames(List<ValueSeries> series) {
        if (series.isEmpty()) throw new IllegalArgumentException("no series to chart");
        Set<String> names = new HashSet<>(List.of(IDENTITY, BAND, BAND_LOWER, UNITY, UNITY + " (y)"));
        for (ValueSeries s : series) {
            if (!names.add(s.name()) || !names.add(s.name() + " range")) {
                throw new IllegalArgumentException("value series name '" + s.name() + "' is used twice or clashes with a line's");
            }
        }
    }

    /** Each series as a scatter in the palette's next style, its ranges as capped bars (cut at {@code hi}). */
    private static void addValues(XYChart chart, List<ValueSeries> series, boolean log, double hi) {
        for (int i = 0; i < series.size(); i++) {
            ValueSeries s = series.get(i);
            Color color = Palette.series(i);
            List<Value> drawable = log ? s.values().stream().filter(v -> v.predicted() > 0).toList() : s.values();
            if (drawable.isEmpty()) continue;
            List<RangeBars.Segment> ranges = new ArrayList<>();
            double[] x = new double[drawable.size()];
            double[] y = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                Value v = drawable.get(j);
                x[j] = v.predicted();
                y[j] = v.published();
                if (v.isRange()) ranges.add(new RangeBars.Segment(v.predicted(), v.publishedLow(), Math.min(v.publishedHigh(), hi)));
            }
            if (!ranges.isEmpty()) RangeBars.add(chart, s.name() + " range", ranges, false, color);
            XYSeries points = chart.addSeries(s.name(), x, y);
            points.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            points.setLineStyle(SeriesLines.NONE);
            points.setMarker(Palette.marker(i));
            points.setMarkerColor(color);
        }
    }

    /** A square-ranged chart from {@code lo} to {@code hi} on both axes with y = x and the band drawn. */
    private static XYChart frame(FigureSize size, String xAxisTitle, String yAxisTitle, boolean log, double lo, double hi) {
        XYChart chart = PaperStyle.xyChart(size, xAxisTitle, yAxisTitle);
        XYStyler st = chart.getStyler();
        st.setXAxisLogarithmic(log).setYAxisLogarithmic(log);
        st.setXAxisDecimalPattern(PaperStyle.DECIMALS); // as the y axis: no "1E3" on a log axis

        if (log) {
            // a decade tick just inside the right end would put its centred label past the figure's edge
            double decade = Math.pow(10, Math.floor(Math.log10(hi)));
            if (hi / decade < DECADE_LABEL_ROOM) hi = decade * DECADE_LABEL_ROOM;
        }
        st.setXAxisMin(lo).setXAxisMax(hi).setYAxisMin(lo).setYAxisMax(hi);
        st.setMarkerSize(PaperStyle.units(3.5));

        // the lines reach past the axes both ways and are clipped to the plot
        double from = log ? lo / 10 : 0;
        double to = hi * 10;
        line(chart, IDENTITY, from, to, 1, Palette.BLACK, PaperStyle.stroke(0.6), true);
        BasicStroke dashed = new BasicStroke(PaperStyle.unitsF(0.6), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {PaperStyle.unitsF(3), PaperStyle.unitsF(2)}, 0f);
        line(chart, BAND, from, to, 1 + BAND_PERCENT / 100.0, Palette.GREY, dashed, true);
        line(chart, BAND_LOWER, from, to, 1 - BAND_PERCENT / 100.0, Palette.GREY, dashed, false);
        return chart;
    }

    /** Whether {@link #of} draws {@code series} on log axes: their positive values span {@value #LOG_FROM_SPAN}× or more. */
    public static boolean logarithmic(List<Series> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Series s : series) {
            for (Point p : points(s)) {
                for (double v : new double[] {p.simulatedNs(), p.measuredNs()}) {
                    if (v <= 0) continue;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max > 0 && max / min >= LOG_FROM_SPAN;
    }

    private static List<Point> points(Series s) {
        List<Point> all = new ArrayList<>(s.tasks());
        all.add(s.makespan());
        return all;
    }

    private static boolean drawableOnLog(Point p) {
        return p.simulatedNs() > 0 && p.measuredNs() > 0;
    }

    private static XYSeries scatter(XYChart chart, String name, List<Point> points, Unit unit) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).simulatedNs() / unit.ns;
            y[i] = points.get(i).measuredNs() / unit.ns;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        series.setLineStyle(SeriesLines.NONE);
        return series;
    }

    /** The line y = slope · x from x = {@code from} to {@code to}: straight on log axes too. */
    private static void line(XYChart chart, String name, double from, double to, double slope, Color color, BasicStroke stroke,
                             boolean inLegend) {
        XYSeries series = chart.addSeries(name, new double[] {from, to}, new double[] {from * slope, to * slope});
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(stroke);
        series.setShowInLegend(inLegend);
    }

    /** The axes' unit. */
    private enum Unit {
        MICROSECONDS("µs", Units.NS_PER_US),
        MILLISECONDS("ms", Units.NS_PER_MS),
        SECONDS("s", Units.NS_PER_SECOND);

        private final String label;
        private final double ns;

        Unit(String label, double ns) {
            this.label = label;
            this.ns = ns;
        }

        /** The largest unit in which {@code maxNs} is at least 1 (µs below that). */
        static Unit of(double maxNs) {
            if (maxNs >= SECONDS.ns) return SECONDS;
            if (maxNs >= MILLISECONDS.ns) return MILLISECONDS;
            return MICROSECONDS;
        }
    }
}
