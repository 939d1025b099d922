package org.hetsched.reports.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hetsched.core.Units;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.Task;
import org.hetsched.core.trace.Trace;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The schedule of one or more runs over time: one lane per processor, one bar per task from its
 * start to its end (x, in ms, or s for long runs), coloured by the role of its subgraph. Odd chunks
 * are a darker shade of their role's colour, so chunk boundaries show even where bars are too
 * narrow for a label; bars wide enough carry their chunk ("c3"). Idle time is the light-grey lane
 * background.
 *
 * <p>XChart has no Gantt chart, so bars are filled polygons of an {@link XYChart}: one series per
 * (role, chunk parity) whose rectangles are separated by NaN breaks. That keeps the series count at
 * most 13 (with the lane backgrounds) whatever the task count, and the legend at one entry per role present. Lane {@code i}
 * (from the top) is drawn at y = lanes − 1 − i, and its name is painted left of the plot (XChart's
 * numeric tick labels cannot be made to name each lane reliably).
 *
 * <p>Stacked runs (simulated vs measured, two policies) are blocks of lanes named "label:
 * processor", top to bottom in the order given, separated by a rule, on one time axis.
 *
 * <p>Building is O(tasks) in time and memory.
 */
public final class GanttChart {
    /** Share of the lane pitch the lane background fills; the rest separates lanes. */
    private static final double LANE_HEIGHT = 0.9;
    /** Share of the lane pitch a bar fills. */
    private static final double BAR_HEIGHT = 0.7;
    /** How much darker odd chunks are than even ones. */
    private static final double ODD_CHUNK_SHADE = 0.78;
    /** Name of the series of lane backgrounds (not in the legend). */
    static final String IDLE = "idle";
    /** Suffix of the series of a role's odd chunks (not in the legend). */
    static final String ODD = ", odd chunks";
    /** Runs this long or longer are drawn in seconds. */
    static final int SECONDS_FROM_MS = 10_000;
    /** Space between a lane name and the plot, in points. */
    private static final double LANE_NAME_GAP_PT = 3;

    /**
     * One run to draw in a stack.
     *
     * @param label prefixes its lane names ("sim", "real", a policy); not blank
     * @param trace the schedule
     */
    public record Run(String label, Trace trace) {
        public Run {
            if (label == null || label.isBlank()) throw new IllegalArgumentException("a stacked run needs a label");
            if (trace == null) throw new IllegalArgumentException("run '" + label + "' has no trace");
        }
    }

    private GanttChart() {
    }

    /** The Gantt of one run, its lanes named after its processors, in id order. */
    public static XYChart of(Trace trace, FigureSize size) {
        return build(List.of(trace), List.of(""), size);
    }

    /**
     * Several runs stacked on one time axis: each run's processors, in id order, as a block of
     * lanes named "label: processor".
     *
     * @throws IllegalArgumentException if {@code runs} is empty or two runs share a label
     */
    public static XYChart stacked(List<Run> runs, FigureSize size) {
        if (runs.isEmpty()) throw new IllegalArgumentException("no run to draw");
        List<Trace> traces = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (Run run : runs) {
            String prefix = run.label() + ": ";
            if (prefixes.contains(prefix)) throw new IllegalArgumentException("two stacked runs are labelled '" + run.label() + "'");
            traces.add(run.trace());
            prefixes.add(prefix);
        }
        return build(traces, prefixes, size);
    }

    /** The lane names of {@link #of(Trace, FigureSize)}, top to bottom. */
    public static List<String> lanes(Trace trace) {
        return laneNames(List.of(trace), List.of(""));
    }

    /** The lane names of {@link #stacked(List, FigureSize)}, top to bottom. */
    public static List<String> lanes(List<Run> runs) {
        return laneNames(runs.stream().map(Run::trace).toList(), runs.stream().map(r -> r.label() + ": ").toList());
    }

    private static List<String> laneNames(List<Trace> traces, List<String> prefixes) {
        List<String> lanes = new ArrayList<>();
        for (int r = 0; r < traces.size(); r++) {
            Trace trace = traces.get(r);
            for (int p = 0; p < trace.platform().size(); p++) lanes.add(prefixes.get(r) + trace.platform().processor(p).name());
        }
        return List.copyOf(lanes);
    }

    private static XYChart build(List<Trace> traces, List<String> prefixes, FigureSize size) {
        Layout layout = layout(traces, prefixes, size);
        int laneCount = layout.lanes().size();

        XYChart chart = PaperStyle.xyChart(size, "time (" + layout.timeUnit() + ")", null);
        XYStyler s = chart.getStyler();
        s.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        s.setXAxisMin(0.0).setXAxisMax(layout.end());
        s.setYAxisMin(-0.5).setYAxisMax(laneCount - 0.5);
        s.setPlotContentSize(0.98); // a hair of margin, so the 0 ms tick is inside the plot
        s.setPlotGridHorizontalLinesVisible(false);
        s.setYAxisTitleVisible(false);
        s.setYAxisTicksVisible(false);
        LaneNames names = new LaneNames(layout.lanes(), PaperStyle.tickFont(size));
        // XChart starts a y axis this wide at the chart's edge, so the hint must include the padding
        s.setYAxisLeftWidthHint((int) Math.ceil(s.getChartPadding() + names.widestWidth() + PaperStyle.units(LANE_NAME_GAP_PT)));

        Bars background = new Bars();
        for (int lane = 0; lane < laneCount; lane++) background.add(0, layout.end(), y(lane, laneCount), LANE_HEIGHT / 2);
        addSeries(chart, IDLE, background, Palette.LANE, false);
        for (Map.Entry<SubgraphRole, Bars[]> role : layout.bars().entrySet()) {
            Color color = Palette.role(role.getKey());
            String name = seriesName(role.getKey());
            boolean evenChunks = !role.getValue()[0].isEmpty();
            addSeries(chart, name, role.getValue()[0], color, true);
            // a role that only ever ran in odd chunks still needs its legend entry
            addSeries(chart, name + ODD, role.getValue()[1], Palette.darker(color, ODD_CHUNK_SHADE), !evenChunks);
        }
        chart.addAnnotation(names);
        for (ChunkLabel label : layout.chunkLabels()) chart.addAnnotation(new AnnotationText(label.text(), label.x(), label.y(), false));
        for (double y : layout.separatorsY()) chart.addAnnotation(new AnnotationLine(y, false, false));
        return chart;
    }

    /** The legend name of a role's series, e.g. "linear"; odd chunks are in the series of that name + {@value #ODD}. */
    static String seriesName(SubgraphRole role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /**
     * What to draw, before XChart: lanes top to bottom, the unit of time ("ms", or "s" for runs of
     * {@value #SECONDS_FROM_MS} ms or more, whose ms ticks would read 12,000) and the axis end in
     * it, the bars of each role (even chunks, odd chunks), the chunk labels of bars wide enough, and
     * the y of the rules between stacked runs.
     */
    record Layout(List<String> lanes, String timeUnit, double end, Map<SubgraphRole, Bars[]> bars,
                  List<ChunkLabel> chunkLabels, List<Double> separatorsY) {
    }

    /** A chunk label centred on its bar, in data coordinates (x in the layout's time unit). */
    record ChunkLabel(String text, double x, double y) {
    }

    static Layout layout(List<Trace> traces, List<String> prefixes, FigureSize size) {
        List<String> lanes = laneNames(traces, prefixes);
        int laneCount = lanes.size();
        double endMs = 0;
        for (Trace trace : traces) endMs = Math.max(endMs, Units.nsToMs(trace.makespanNs()));
        if (endMs == 0) endMs = 1; // an empty run still gets a drawable axis
        boolean seconds = endMs >= SECONDS_FROM_MS;
        double perMs = seconds ? 1e-3 : 1;

        Font laneFont = PaperStyle.tickFont(size);
        double widestLane = 0;
        for (String lane : lanes) widestLane = Math.max(widestLane, PaperStyle.textWidth(lane, laneFont));
        // the plot's width is only known once XChart lays the chart out: estimate it from the lane names
        double plotWidth = PaperStyle.units(size.widthPt()) - widestLane - PaperStyle.units(20);
        Font labelFont = PaperStyle.labelFont(size);

        Map<SubgraphRole, Bars[]> byRole = new EnumMap<>(SubgraphRole.class);
        List<ChunkLabel> labels = new ArrayList<>();
        List<Double> separators = new ArrayList<>();
        int firstLane = 0;
        for (Trace trace : traces) {
            if (firstLane > 0) separators.add(y(firstLane, laneCount) + 0.5);
            for (int t = 0; t < trace.graph().size(); t++) {
                Task task = trace.graph().task(t);
                double start = Units.nsToMs(trace.startNs(t)) * perMs;
                double taskEnd = Units.nsToMs(trace.endNs(t)) * perMs;
                double lane = y(firstLane + trace.processorOf(t), laneCount);
                Bars[] shades = byRole.computeIfAbsent(task.subgraph().role(), role -> new Bars[] {new Bars(), new Bars()});
                shades[task.chunk() % 2].add(start, taskEnd, lane, BAR_HEIGHT / 2);
                String label = "c" + task.chunk();
                // 3 pt to spare, as the plot width is an estimate
                if ((taskEnd - start) / (endMs * perMs) * plotWidth >= PaperStyle.textWidth(label, labelFont) + PaperStyle.units(3)) {
                    labels.add(new ChunkLabel(label, (start + taskEnd) / 2, lane));
                }
            }
            firstLane += trace.platform().size();
        }
        return new Layout(lanes, seconds ? "s" : "ms", endMs * perMs, byRole, List.copyOf(labels), List.copyOf(separators));
    }

    private static double y(int laneFromTop, int laneCount) {
        return laneCount - 1 - laneFromTop;
    }

    private static void addSeries(XYChart chart, String name, Bars bars, Color color, boolean inLegend) {
        if (bars.isEmpty()) return;
        XYSeries series = chart.addSeries(name, bars.x(), bars.y());
        series.setFillColor(color);
        series.setLineColor(color);
        series.setLineStyle(SeriesLines.NONE);
        series.setMarker(SeriesMarkers.NONE);
        series.setShowInLegend(inLegend);
    }

    /** Rectangles as one polygon series: four corners each, then a NaN break. Single-threaded. */
    static final class Bars {
        private double[] x = new double[80];
        private double[] y = new double[80];
        private int size;

        void add(double x0, double x1, double yCentre, double halfHeight) {
            if (size + 5 > x.length) {
                x = Arrays.copyOf(x, x.length * 2);
                y = Arrays.copyOf(y, y.length * 2);
            }
            put(x0, yCentre - halfHeight);
            put(x1, yCentre - halfHeight);
            put(x1, yCentre + halfHeight);
            put(x0, yCentre + halfHeight);
            put(x0, Double.NaN);
        }

        private void put(double px, double py) {
            x[size] = px;
            y[size] = py;
            size++;
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** Rectangles added. */
        int count() {
            return size / 5;
        }

        double[] x() {
            return Arrays.copyOf(x, size);
        }

        double[] y() {
            return Arrays.copyOf(y, size);
        }
    }

    /** Paints each lane's name right-aligned just left of the plot, centred on its lane. */
    private static final class LaneNames extends Annotation {
        private final List<String> topToBottom;
        private final Font font;

        LaneNames(List<String> topToBottom, Font font) {
            super(false);
            this.topToBottom = List.copyOf(topToBottom);
            this.font = font;
        }

        double widestWidth() {
            double widest = 0;
            for (String name : topToBottom) widest = Math.max(widest, PaperStyle.textWidth(name, font));
            return widest;
        }

        @Override
        public void paint(Graphics2D g) {
            g.setColor(styler.getChartFontColor());
            double right = getXAxisScreenValueForMin() - PaperStyle.units(LANE_NAME_GAP_PT);
            double minX = right;
            for (int i = 0; i < topToBottom.size(); i++) {
                TextLayout layout = new TextLayout(topToBottom.get(i), font, g.getFontRenderContext());
                Shape outline = layout.getOutline(null);
                Rectangle2D box = outline.getBounds2D();
                double centreY = getYAxisScreenValue(y(i, topToBottom.size()));
                AffineTransform at = AffineTransform.getTranslateInstance(right - box.getMaxX(), centreY - box.getCenterY());
                g.fill(at.createTransformedShape(outline));
                minX = Math.min(minX, right - box.getWidth());
            }
            bounds = new Rectangle2D.Double(minX, getYAxisScreenValueForMin(), right - minX,
                    getYAxisScreenValueForMax() - getYAxisScreenValueForMin());
        }
    }
}
