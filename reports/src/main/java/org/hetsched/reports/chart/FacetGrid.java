package org.hetsched.reports.chart;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.LineMetrics;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.XYStyler;

/**
 * Small multiples: one panel per subset of the data (a model, a plan), in a grid, on shared axes
 * (the same ranges in every panel, so the panels compare at a glance), with one axis title per
 * figure and one legend below the grid. A series of the same name has the same style in every
 * panel, so the legend holds each once.
 *
 * <p>The panels are charts of this package, built for the panel's size; the grid takes them over:
 * it hides their legends and axis titles, titles each with its name, and sets every panel's axis
 * ranges that the panel left open to the range over all panels. Single-threaded, like XChart.
 */
public final class FacetGrid extends Chart<XYStyler, XYSeries> {
    /** Space between a shared axis title and the panels, in points. */
    private static final double TITLE_GAP_PT = 1;

    /**
     * One panel.
     *
     * @param title its name, drawn above it; not blank
     * @param chart the panel, an {@link XYChart} or {@link CategoryChart} of this package
     */
    public record Panel(String title, Chart<?, ?> chart) {
        public Panel {
            if (title == null || title.isBlank()) throw new IllegalArgumentException("a panel needs a title");
            if (!(chart instanceof PaperXYChart || chart instanceof PaperCategoryChart)) {
                throw new IllegalArgumentException("panel '" + title + "' is not a chart of this package");
            }
        }
    }

    private final List<Panel> panels;
    private final int columns;
    private final String xAxisTitle;
    private final String yAxisTitle;

    private FacetGrid(List<Panel> panels, int columns, String xAxisTitle, String yAxisTitle, int width, int height,
                      FigureSize size) {
        super(width, height, new XYStyler());
        this.panels = List.copyOf(panels);
        this.columns = columns;
        this.xAxisTitle = xAxisTitle;
        this.yAxisTitle = yAxisTitle;
        PaperStyle.apply(getStyler(), size);
    }

    /**
     * A grid of {@code panels}, {@code columns} wide, each panel {@code panelHeightIn} tall, the whole
     * as wide as {@code size} and as tall as the rows, the shared axis titles and the legend need.
     *
     * @param xAxisTitle the shared x axis title, or null for none
     * @param yAxisTitle the shared y axis title, or null for none
     * @throws IllegalArgumentException if there is no panel, two share a title, {@code columns} is not
     *                                  in [1, panels], or panels mix kinds of chart
     */
    public static FacetGrid of(List<Panel> panels, int columns, double panelHeightIn, String xAxisTitle, String yAxisTitle,
                               FigureSize size) {
        if (panels.isEmpty()) throw new IllegalArgumentException("no panel to draw");
        if (columns < 1 || columns > panels.size()) {
            throw new IllegalArgumentException("columns must be in [1, " + panels.size() + "], got " + columns);
        }
        List<String> titles = new ArrayList<>();
        for (Panel p : panels) {
            if (titles.contains(p.title())) throw new IllegalArgumentException("two panels are titled '" + p.title() + "'");
            if (p.chart().getClass() != panels.get(0).chart().getClass()) {
                throw new IllegalArgumentException("panel '" + p.title() + "' is another kind of chart than the first");
            }
            titles.add(p.title());
        }
        int rows = (panels.size() + columns - 1) / columns;
        int width = PaperStyle.units(size.widthPt());
        // the height: the panels, then the x title and the legend, measured as they will be painted
        FacetGrid probe = new FacetGrid(panels, columns, xAxisTitle, yAxisTitle, width, 1, size);
        int below = probe.xTitleHeight() + probe.legendLayout(width).height();
        // the grid is at least as tall as the shared y title, which would otherwise run off the figure
        double gridHeight = Math.max(rows * PaperStyle.units(panelHeightIn * FigureSize.POINTS_PER_INCH), probe.yTitleLength()
                + 2.0 * probe.getStyler().getChartPadding());
        int height = (int) Math.ceil(gridHeight) + below;
        FacetGrid grid = new FacetGrid(panels, columns, xAxisTitle, yAxisTitle, width, height, size);
        grid.takeOverPanels(size);
        return grid;
    }

    /** The panels, in order (left to right, then top to bottom). */
    public List<Panel> panels() {
        return panels;
    }

    /** Columns of the grid. */
    public int columns() {
        return columns;
    }

    @Override
    public String getXAxisTitle() {
        return xAxisTitle;
    }

    @Override
    public String getYAxisTitle() {
        return yAxisTitle;
    }

    private void takeOverPanels(FigureSize size) {
        double[] yRange = range(false);
        double[] xRange = range(true);
        for (Panel p : panels) {
            AxesChartStyler s = (AxesChartStyler) p.chart().getStyler();
            s.setLegendVisible(false);
            s.setXAxisTitleVisible(false);
            s.setYAxisTitleVisible(false);
            s.setChartTitleVisible(true);
            s.setChartTitleBoxVisible(false);
            s.setChartTitleFont(PaperStyle.titleFont(size));
            s.setChartTitlePadding(PaperStyle.units(2));
            p.chart().setTitle(p.title());
            if (s.getYAxisMin() == null) s.setYAxisMin(yRange[0]);
            if (s.getYAxisMax() == null) s.setYAxisMax(yRange[1]);
            if (p.chart() instanceof XYChart) {
                if (s.getXAxisMin() == null) s.setXAxisMin(xRange[0]);
                if (s.getXAxisMax() == null) s.setXAxisMax(xRange[1]);
            }
        }
    }

    /** Min and max over every panel's finite data on one axis (x only for XY panels). */
    private double[] range(boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Panel p : panels) {
            for (Object series : p.chart().getSeriesMap().values()) {
                double[] values;
                if (series instanceof XYSeries xy) {
                    values = x ? xy.getXData() : xy.getYData();
                } else if (series instanceof CategorySeries c && !x) {
                    values = c.getYData().stream().filter(v -> v != null).mapToDouble(Number::doubleValue).toArray();
                } else {
                    continue;
                }
                for (double v : values) {
                    if (!Double.isFinite(v)) continue;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) return new double[] {0, 1};
        return new double[] {min, max};
    }

    /** The legend: each series name once, with its style in the first panel that has it. */
    private List<PaperLegend.Entry> legendEntries() {
        Map<String, PaperLegend.Entry> byName = new LinkedHashMap<>();
        for (Panel p : panels) {
            List<PaperLegend.Entry> entries = p.chart() instanceof PaperXYChart xy ? xy.legendEntries()
                    : ((PaperCategoryChart) p.chart()).legendEntries();
            for (PaperLegend.Entry e : entries) {
                PaperLegend.Entry first = byName.putIfAbsent(e.series().getLabel(), e);
                if (first != null && !sameStyle(first, e)) {
                    throw new IllegalStateException("series '" + e.series().getLabel() + "' is drawn in two styles in panels of one figure");
                }
            }
        }
        return List.copyOf(byName.values());
    }

    private static boolean sameStyle(PaperLegend.Entry a, PaperLegend.Entry b) {
        return PaperLegend.styleKey(a).equals(PaperLegend.styleKey(b));
    }

    private PaperLegend.Layout legendLayout(int width) {
        return PaperLegend.layout(legendEntries(), getStyler(), width);
    }

    private double titleLineHeight() {
        LineMetrics m = getStyler().getAxisTitleFont().getLineMetrics("Hg", PaperStyle.TEXT);
        return m.getAscent() + m.getDescent();
    }

    private double yTitleLength() {
        return yAxisTitle == null ? 0 : PaperStyle.textWidth(yAxisTitle, getStyler().getAxisTitleFont());
    }

    private int xTitleHeight() {
        return xAxisTitle == null ? 0 : (int) Math.ceil(titleLineHeight() + PaperStyle.units(TITLE_GAP_PT));
    }

    private int yTitleWidth() {
        return yAxisTitle == null ? 0 : (int) Math.ceil(getStyler().getChartPadding() + titleLineHeight() + PaperStyle.units(TITLE_GAP_PT));
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        setWidth(width);
        setHeight(height);
        g.setColor(getStyler().getChartBackgroundColor());
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        PaperLegend.Layout legend = legendLayout(width);
        int left = yTitleWidth();
        int gridHeight = height - legend.height() - xTitleHeight();
        int rows = (panels.size() + columns - 1) / columns;
        double panelWidth = (double) (width - left) / columns;
        double panelHeight = (double) gridHeight / rows;
        for (int i = 0; i < panels.size(); i++) {
            Chart<?, ?> chart = panels.get(i).chart();
            AffineTransform saved = g.getTransform();
            g.translate(left + (i % columns) * panelWidth, (i / columns) * panelHeight);
            try {
                chart.paint(g, (int) Math.floor(panelWidth), (int) Math.floor(panelHeight));
            } finally {
                g.setTransform(saved);
            }
        }
        Font font = getStyler().getAxisTitleFont();
        LineMetrics metrics = font.getLineMetrics("Hg", g.getFontRenderContext());
        g.setColor(getStyler().getChartFontColor());
        if (xAxisTitle != null) {
            TextLayout text = new TextLayout(xAxisTitle, font, g.getFontRenderContext());
            double x = left + (width - left - text.getAdvance()) / 2;
            g.fill(text.getOutline(AffineTransform.getTranslateInstance(x, gridHeight + metrics.getAscent())));
        }
        if (yAxisTitle != null) {
            TextLayout text = new TextLayout(yAxisTitle, font, g.getFontRenderContext());
            AffineTransform at = AffineTransform.getTranslateInstance(getStyler().getChartPadding() + metrics.getAscent(),
                    (gridHeight + text.getAdvance()) / 2);
            at.rotate(-Math.PI / 2);
            Shape outline = text.getOutline(at);
            g.fill(outline);
        }
        if (legend.height() > 0) PaperLegend.paint(g, legend, getStyler(), height - legend.height());
    }
}
