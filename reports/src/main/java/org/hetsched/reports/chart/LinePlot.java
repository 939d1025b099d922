package org.hetsched.reports.chart;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;

/** Lines over a token-count x axis, shared by the sweep line charts. */
final class LinePlot {
    private LinePlot() {
    }

    /**
     * Adds one line per entry of {@code lines} (x in tokens → y), with the palette's colour, marker
     * and dash in order, on a base-2 axis when the x values {@linkplain Log2Axis#suits suit} one.
     *
     * @return whether the x axis is base 2 (then series x data are log2 of the tokens)
     */
    static boolean draw(XYChart chart, Map<String, SortedMap<Integer, Double>> lines) {
        List<Integer> xs = new ArrayList<>();
        for (SortedMap<Integer, Double> line : lines.values()) xs.addAll(line.keySet());
        boolean log2 = Log2Axis.suits(xs);
        if (log2) Log2Axis.apply(chart);
        int i = 0;
        for (Map.Entry<String, SortedMap<Integer, Double>> line : lines.entrySet()) {
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
            i++;
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
