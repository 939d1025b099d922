package org.hetsched.reports.chart;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.LineMetrics;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.knowm.xchart.internal.chartpart.RenderableSeries.LegendRenderType;
import org.knowm.xchart.internal.series.MarkerSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.None;

/**
 * The legend of every chart here: one or more centred rows below the plot, wrapped to the
 * chart's width, all labels on one baseline per row.
 *
 * <p>It replaces XChart's legend, which sets each label by its own glyph bounds (so "prologue"
 * sits lower than "linear"), sizes colour boxes at a fixed 20 units, and overflows the chart
 * rather than wrapping. {@link PaperXYChart} and {@link PaperCategoryChart} lay XChart's parts out
 * above the strip this legend needs and paint it there.
 */
final class PaperLegend {
    private static final double LINE_KEY_PT = 14;
    private static final double KEY_TEXT_GAP_PT = 3;
    private static final double ENTRY_GAP_PT = 9;
    private static final double ROW_GAP_PT = 1.5;
    /** Space between the chart's parts above and the legend. */
    private static final double TOP_GAP_PT = 1;

    /**
     * One legend entry.
     *
     * @param series the series it stands for (its colours are read when painting, once XChart set them)
     * @param type   what its key looks like
     */
    record Entry(MarkerSeries series, LegendRenderType type) {
    }

    /**
     * Entries placed in rows.
     *
     * @param rows       entries per row
     * @param x          per row, each entry's left edge in chart units
     * @param height     the strip's height in chart units (0 without entries)
     */
    record Layout(List<List<Entry>> rows, List<double[]> x, int height) {
    }

    private PaperLegend() {
    }

    /**
     * Paints a chart with this legend below it: one background under both (two abutting fills leave
     * an antialiased seam), the chart with its own legend hidden in the height left over, then the
     * legend.
     *
     * @param paintChart    paints the chart's plot area into the given height (XChart's own paint)
     * @param restoreHeight resets the chart's height, which XChart's paint overwrites
     */
    static void paintBelow(Graphics2D g, Styler styler, List<Entry> entries, int width, int height,
                           IntConsumer paintChart, IntConsumer restoreHeight) {
        Layout legend = layout(entries, styler, width);
        g.setColor(styler.getChartBackgroundColor());
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        boolean visible = styler.isLegendVisible();
        styler.setLegendVisible(false);
        try {
            paintChart.accept(height - legend.height());
        } finally {
            styler.setLegendVisible(visible);
            restoreHeight.accept(height);
        }
        if (legend.height() > 0) paint(g, legend, styler, height - legend.height());
    }

    static Layout layout(List<Entry> entries, Styler styler, int chartWidth) {
        if (entries.isEmpty() || !styler.isLegendVisible()) return new Layout(List.of(), List.of(), 0);
        Font font = styler.getLegendFont();
        double available = chartWidth - 2.0 * styler.getChartPadding();
        double gap = PaperStyle.units(ENTRY_GAP_PT);
        List<List<Entry>> rows = new ArrayList<>();
        List<List<Double>> widths = new ArrayList<>();
        List<Entry> row = new ArrayList<>();
        List<Double> rowWidths = new ArrayList<>();
        double used = 0;
        for (Entry entry : entries) {
            double w = width(entry, font, styler);
            if (!row.isEmpty() && used + gap + w > available) {
                rows.add(row);
                widths.add(rowWidths);
                row = new ArrayList<>();
                rowWidths = new ArrayList<>();
                used = 0;
            }
            used += (row.isEmpty() ? 0 : gap) + w;
            row.add(entry);
            rowWidths.add(w);
        }
        rows.add(row);
        widths.add(rowWidths);

        List<double[]> xs = new ArrayList<>();
        for (List<Double> ws : widths) {
            double total = (ws.size() - 1) * gap;
            for (double w : ws) total += w;
            double[] x = new double[ws.size()];
            double at = (chartWidth - total) / 2;
            for (int i = 0; i < x.length; i++) {
                x[i] = at;
                at += ws.get(i) + gap;
            }
            xs.add(x);
        }
        double rowHeight = rowHeight(font);
        int height = (int) Math.ceil(PaperStyle.units(TOP_GAP_PT) + rows.size() * rowHeight
                + (rows.size() - 1) * PaperStyle.units(ROW_GAP_PT) + styler.getChartPadding());
        return new Layout(rows, xs, height);
    }

    /** Paints {@code layout} in the strip that starts at {@code top}. */
    static void paint(Graphics2D g, Layout layout, Styler styler, double top) {
        Font font = styler.getLegendFont();
        LineMetrics metrics = font.getLineMetrics("Hg", g.getFontRenderContext());
        double rowHeight = rowHeight(font);
        // keys centre on the middle of a capital letter, whatever glyphs the label has
        double keyCentreBelowBaseline = -capHeight(font, g) / 2;
        double y = top + PaperStyle.units(TOP_GAP_PT);
        for (int r = 0; r < layout.rows().size(); r++) {
            double baseline = y + metrics.getAscent();
            double keyY = baseline + keyCentreBelowBaseline;
            List<Entry> row = layout.rows().get(r);
            for (int i = 0; i < row.size(); i++) {
                Entry entry = row.get(i);
                double x = layout.x().get(r)[i];
                double keyWidth = keyWidth(entry, styler);
                paintKey(g, entry, styler, x, keyY, keyWidth);
                TextLayout text = new TextLayout(entry.series().getLabel(), font, g.getFontRenderContext());
                Shape outline = text.getOutline(AffineTransform.getTranslateInstance(x + keyWidth + PaperStyle.units(KEY_TEXT_GAP_PT), baseline));
                g.setColor(styler.getChartFontColor());
                g.fill(outline);
            }
            y += rowHeight + PaperStyle.units(ROW_GAP_PT);
        }
    }

    /**
     * What the key of {@code entry} draws (box colour; or line colour and dash, marker kind and
     * colour): two entries with equal keys look alike.
     */
    static List<Object> styleKey(Entry entry) {
        MarkerSeries s = entry.series();
        return switch (entry.type()) {
            case Box, BoxNoOutline -> Arrays.asList("box", s.getFillColor());
            case Line, Scatter -> {
                boolean line = entry.type() == LegendRenderType.Line && s.getLineStyle() != SeriesLines.NONE;
                boolean marker = s.getMarker() != null && !(s.getMarker() instanceof None);
                yield Arrays.asList(line ? s.getLineColor() : null, line ? s.getLineStyle() : null,
                        marker ? s.getMarker().getClass() : null, marker ? s.getMarkerColor() : null);
            }
        };
    }

    private static void paintKey(Graphics2D g, Entry entry, Styler styler, double x, double centreY, double width) {
        MarkerSeries series = entry.series();
        switch (entry.type()) {
            case Box, BoxNoOutline -> {
                g.setColor(series.getFillColor());
                g.fill(new Rectangle2D.Double(x, centreY - width / 2, width, width));
            }
            case Line, Scatter -> {
                if (entry.type() == LegendRenderType.Line && series.getLineStyle() != SeriesLines.NONE) {
                    g.setColor(series.getLineColor());
                    g.setStroke(series.getLineStyle());
                    g.draw(new Line2D.Double(x, centreY, x + width, centreY));
                }
                if (series.getMarker() != null && !(series.getMarker() instanceof None)) {
                    g.setColor(series.getMarkerColor());
                    series.getMarker().paint(g, x + width / 2, centreY, styler.getMarkerSize());
                }
            }
        }
    }

    private static double width(Entry entry, Font font, Styler styler) {
        return keyWidth(entry, styler) + PaperStyle.units(KEY_TEXT_GAP_PT) + PaperStyle.textWidth(entry.series().getLabel(), font);
    }

    private static double keyWidth(Entry entry, Styler styler) {
        return switch (entry.type()) {
            case Box, BoxNoOutline -> styler.getLegendFont().getSize2D() * 0.75;
            case Line -> PaperStyle.units(LINE_KEY_PT);
            case Scatter -> Math.max(styler.getMarkerSize() * 2.0, styler.getLegendFont().getSize2D());
        };
    }

    private static double rowHeight(Font font) {
        LineMetrics m = font.getLineMetrics("Hg", PaperStyle.TEXT);
        return m.getAscent() + m.getDescent();
    }

    private static double capHeight(Font font, Graphics2D g) {
        return new TextLayout("H", font, g.getFontRenderContext()).getBounds().getHeight();
    }
}
