package org.hetsched.reports.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.Marker;

/**
 * Error bars along either axis: XChart 3.8 draws them only vertically and only symmetric about a
 * point, so a published range (a prompt range, a "18–44%") is drawn as a line series of segments
 * separated by NaN gaps (where XChart lifts the pen), each end capped by a short perpendicular tick.
 */
final class RangeBars {
    /** Half the length of a cap, in points. */
    private static final double CAP_HALF_PT = 2;

    private RangeBars() {
    }

    /**
     * One segment, in the chart's data coordinates (already scaled for the axis).
     *
     * @param at   the other coordinate, where the segment sits
     * @param from one end along the segment's axis
     * @param to   the other end
     */
    record Segment(double at, double from, double to) {
    }

    /**
     * Adds {@code segments} as one series named {@code name}, kept out of the legend (the point it
     * belongs to is in it).
     *
     * @param horizontal whether the segments run along x (a range of x at one y), else along y
     * @throws IllegalArgumentException if there is no segment
     */
    static XYSeries add(XYChart chart, String name, List<Segment> segments, boolean horizontal, Color color) {
        if (segments.isEmpty()) throw new IllegalArgumentException("no range to draw for '" + name + "'");
        double[] x = new double[3 * segments.size() - 1];
        double[] y = new double[x.length];
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            int j = 3 * i;
            if (horizontal) {
                x[j] = s.from();
                x[j + 1] = s.to();
                y[j] = s.at();
                y[j + 1] = s.at();
            } else {
                x[j] = s.at();
                x[j + 1] = s.at();
                y[j] = s.from();
                y[j + 1] = s.to();
            }
            if (j + 2 < x.length) {
                x[j + 2] = Double.NaN;
                y[j + 2] = Double.NaN;
            }
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setLineColor(color);
        series.setLineStyle(PaperStyle.stroke(0.6));
        series.setMarker(new Cap(horizontal));
        series.setMarkerColor(color);
        series.setShowInLegend(false);
        return series;
    }

    /** A tick across the end of a segment: vertical for a horizontal segment, horizontal for a vertical one. */
    private static final class Cap extends Marker {
        private final boolean horizontalSegment;

        Cap(boolean horizontalSegment) {
            this.horizontalSegment = horizontalSegment;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            double half = PaperStyle.unitsF(CAP_HALF_PT);
            g.setStroke(PaperStyle.stroke(0.6));
            g.draw(horizontalSegment ? new Line2D.Double(x, y - half, x, y + half) : new Line2D.Double(x - half, y, x + half, y));
        }
    }
}
