package org.hetsched.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * The look shared by every chart: white background, thin grey grid, a plot frame, no chart title
 * (papers caption their figures), fonts sized from {@link FigureSize}, the {@link Palette}, and a
 * {@link PaperLegend} below the plot.
 *
 * <p>Charts are laid out in <em>chart units</em> of 1/{@value #UNITS_PER_PT} pt, not in points:
 * XChart sizes some parts in whole pixels that it never scales (a legend's colour box is 20, its
 * margin 6), which are right for a screen but coarse on a 3.5 in figure. At three units per point
 * the legend box matches a 7 pt label, and paddings and markers get third-of-a-point steps.
 * {@link Charts} turns units back into points (SVG, PDF) and pixels (PNG).
 */
final class PaperStyle {
    /** Chart units per point. */
    static final int UNITS_PER_PT = 3;

    /** Tick labels of value axes: grouped digits, at most three decimals, never an exponent. */
    static final String DECIMALS = "#,##0.###";

    /** How text is measured before painting: antialiased, fractional metrics, as {@link Charts} paints it. */
    static final FontRenderContext TEXT = new FontRenderContext(new AffineTransform(), true, true);

    private PaperStyle() {
    }

    /** {@code pt} points in chart units, rounded. */
    static int units(double pt) {
        return (int) Math.round(pt * UNITS_PER_PT);
    }

    /** {@code pt} points in chart units, for strokes and fonts. */
    static float unitsF(double pt) {
        return (float) (pt * UNITS_PER_PT);
    }

    static XYChart xyChart(FigureSize size, String xAxisTitle, String yAxisTitle) {
        XYChart chart = new PaperXYChart(units(size.widthPt()), units(size.heightPt()));
        chart.setXAxisTitle(xAxisTitle);
        chart.setYAxisTitle(yAxisTitle);
        apply(chart.getStyler(), size);
        chart.getStyler().setZoomEnabled(false).setCursorEnabled(false);
        return chart;
    }

    static CategoryChart categoryChart(FigureSize size, String xAxisTitle, String yAxisTitle) {
        CategoryChart chart = new PaperCategoryChart(units(size.widthPt()), units(size.heightPt()));
        chart.setXAxisTitle(xAxisTitle);
        chart.setYAxisTitle(yAxisTitle);
        apply(chart.getStyler(), size);
        chart.getStyler().setAvailableSpaceFill(BarPlot.AVAILABLE_SPACE_FILL).setOverlapped(false)
                .setLabelsFont(labelFont(size)).setLabelsFontColor(Palette.BLACK);
        return chart;
    }

    /** Font of axis titles. */
    static Font titleFont(FigureSize size) {
        return font(size.fontPt());
    }

    /** Font of tick labels and the legend. */
    static Font tickFont(FigureSize size) {
        return font(size.fontPt() - 1);
    }

    /** Font of text inside the plot (bar values, chunk labels). */
    static Font labelFont(FigureSize size) {
        return font(size.fontPt() - 2);
    }

    /** Width in chart units of {@code text} set in {@code font}. */
    static double textWidth(String text, Font font) {
        return font.getStringBounds(text, TEXT).getWidth();
    }

    /** A solid stroke {@code pt} points wide. */
    static BasicStroke stroke(double pt) {
        return new BasicStroke(unitsF(pt));
    }

    private static Font font(double pt) {
        // the logical sans-serif: present on every JDK, so a figure never falls back to a serif face
        return new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont(unitsF(pt));
    }

    /** Gives {@code s} the look of every chart here, fonts sized for {@code size}. */
    static void apply(AxesChartStyler s, FigureSize size) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartFontColor(Palette.BLACK);
        s.setChartTitleVisible(false);
        s.setChartPadding(units(4));
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(Palette.BLACK);
        s.setPlotMargin(0);
        s.setPlotGridLinesVisible(true);
        s.setPlotGridLinesColor(Palette.GRID);
        s.setPlotGridLinesStroke(stroke(0.5));
        s.setPlotTicksMarksVisible(false);

        s.setAxisTitleFont(titleFont(size));
        // XChart puts a rotated y title's baseline at the edge of its box, so descenders eat into this gap
        s.setAxisTitlePadding(units(5));
        s.setAxisTickLabelsFont(tickFont(size));
        s.setAxisTickLabelsColor(Palette.BLACK);
        s.setAxisTickPadding(units(2));
        s.setAxisTickMarkLength(units(2.5));
        s.setAxisTickMarksColor(Palette.BLACK);
        s.setAxisTickMarksStroke(stroke(0.5));
        s.setAxisTicksLineVisible(false);
        s.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        // XChart switches to "1E5" past 1,000 on log axes and for large linear ranges: grouped digits instead
        s.setYAxisDecimalPattern(DECIMALS);
        // tick spacing hints are in units too: XChart's defaults are for screen pixels
        s.setXAxisTickMarkSpacingHint(units(28));
        s.setYAxisTickMarkSpacingHint(units(18));

        s.setLegendFont(tickFont(size));
        // drawn by PaperLegend, below the plot: inside the plot it would hide data wherever it went
        s.setLegendVisible(true);

        s.setAnnotationTextFont(labelFont(size));
        s.setAnnotationTextFontColor(Palette.BLACK);
        s.setAnnotationLineColor(Palette.BLACK);
        s.setAnnotationLineStroke(stroke(0.6));

        s.setSeriesColors(Palette.SERIES);
        s.setSeriesMarkers(Palette.MARKERS);
        s.setSeriesLines(Palette.lines());
        s.setMarkerSize(units(4.5));
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
        s.setLocale(Locale.ROOT);
    }
}
