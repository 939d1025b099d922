package org.hetsched.reports.chart;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.hetsched.reports.sweep.SweepRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;

/** Lines over a token-count x axis, shared by the sweep line charts. */
final class LinePlot {
    private LinePlot() {
    }

    /** Draws one panel or chart: lines (already scaled), the figure's line names in style order, its scale, the size. */
    interface Drawer {
        XYChart draw(Map<String, SortedMap<Integer, Double>> lines, List<String> styleOrder, ValueScale scale, FigureSize size);
    }

    /** Panels of a faceted line chart this tall, in inches: room for a title, five ticks and the x labels. */
    static final double PANEL_HEIGHT_IN = 1.55;

    /** The narrowest a panel may be, in inches: six token ticks ("64" … "2K") side by side at 7 pt. */
    static final double MIN_PANEL_WIDTH_IN = 2.2;

    /**
     * Small multiples of a line chart: one panel per distinct {@code panelKey} (in order of first
     * appearance), one line per {@code seriesKey} in each, styled by the line's name across the
     * figure, all on the y scale of the whole data.
     *
     * @throws IllegalArgumentException if {@code rows} is empty or one line of one panel has two rows at one x
     */
    static FacetGrid facet(List<SweepRow> rows, Function<SweepRow, String> panelKey, Function<SweepRow, String> seriesKey,
                           ToIntFunction<SweepRow> x, String xName, String xAxisTitle, SweepMetric metric, FigureSize size,
                           Drawer drawer) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no sweep rows to chart");
        Map<String, List<SweepRow>> byPanel = new LinkedHashMap<>();
        for (SweepRow r : rows) byPanel.computeIfAbsent(panelKey.apply(r), k -> new ArrayList<>()).add(r);
        Map<String, Map<String, SortedMap<Integer, Double>>> lines = new LinkedHashMap<>();
        Map<String, SortedMap<Integer, Double>> all = new LinkedHashMap<>();
        for (Map.Entry<String, List<SweepRow>> panel : byPanel.entrySet()) {
            Map<String, SortedMap<Integer, Double>> inPanel = SweepSeries.of(panel.getValue(), seriesKey, x, xName, metric);
            lines.put(panel.getKey(), inPanel);
            inPanel.forEach((name, line) -> all.put(panel.getKey() + "\u0000" + name, line));
        }
        ValueScale scale = ValueScale.of(metric, all);
        List<String> styleOrder = rows.stream().map(seriesKey).distinct().toList();
        int columns = columns(byPanel.size(), size);
        FigureSize panelSize = new FigureSize(size.widthIn() / columns, PANEL_HEIGHT_IN, size.fontPt());
        List<FacetGrid.Panel> panels = new ArrayList<>();
        lines.forEach((panel, inPanel) -> panels.add(new FacetGrid.Panel(panel,
                drawer.draw(scale.apply(inPanel), styleOrder, scale, panelSize))));
        return FacetGrid.of(panels, columns, PANEL_HEIGHT_IN, xAxisTitle, scale.axisTitle(), size);
    }

    /** Columns for {@code panels} panels: as many as fit {@link #MIN_PANEL_WIDTH_IN} wide, spread evenly over the rows. */
    static int columns(int panels, FigureSize size) {
        int fit = Math.max(1, (int) Math.floor(size.widthIn() / MIN_PANEL_WIDTH_IN));
        int rows = (panels + fit - 1) / fit;
        return (panels + rows - 1) / rows;
    }

    /**
     * Adds one line per entry of {@code lines} (x in tokens → y), each with the palette's style of
     * its name's place in {@code styleOrder} (so a line keeps its style across the panels of a
     * figure), on a base-2 axis when the x values {@linkplain Log2Axis#suits suit} one.
     *
     * @return whether the x axis is base 2 (then series x data are log2 of the tokens)
     * @throws IllegalArgumentException if a line is not in {@code styleOrder}, or the figure has more
     *                                  lines than {@link Palette#LINE_STYLES}
     */
    static boolean draw(XYChart chart, Map<String, SortedMap<Integer, Double>> lines, List<String> styleOrder) {
        List<Integer> xs = new ArrayList<>();
        for (SortedMap<Integer, Double> line : lines.values()) xs.addAll(line.keySet());
        boolean log2 = Log2Axis.suits(xs);
        if (log2) Log2Axis.apply(chart);
        for (Map.Entry<String, SortedMap<Integer, Double>> line : lines.entrySet()) {
            int i = styleOrder.indexOf(line.getKey());
            if (i < 0) throw new IllegalArgumentException("line '" + line.getKey() + "' has no place in the style order " + styleOrder);
            double[] x = new double[line.getValue().size()];
            double[] y = new double[x.length];
            int j = 0;
            for (Map.Entry<Integer, Double> point : line.getValue().entrySet()) {
                x[j] = log2 ? Log2Axis.position(point.getKey()) : point.getKey();
                y[j++] = point.getValue();
            }
            XYSeries series = chart.addSeries(line.getKey(), x, y);
            series.setLineColor(Palette.series(i));
            series.setMarkerColor(Palette.series(i));
            series.setMarker(Palette.marker(i));
            series.setLineStyle(Palette.line(i));
        }
        return log2;
    }

    /** An open ring around a point, larger than the series markers: marks an optimum without hiding the point. */
    static final class Ring extends Marker {
        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            double d = markerSize * 2.0;
            g.setStroke(new BasicStroke(PaperStyle.unitsF(0.9)));
            g.draw(new Ellipse2D.Double(x - d / 2, y - d / 2, d, d));
        }
    }
}
