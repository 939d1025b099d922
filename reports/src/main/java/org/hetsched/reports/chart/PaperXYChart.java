package org.hetsched.reports.chart;

import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * An {@link XYChart} whose legend is a {@link PaperLegend} below the plot. XChart lays its own
 * parts out in the chart less the legend's strip; its legend stays off while it paints, while
 * {@code getStyler().setLegendVisible(false)} still hides this one. Single-threaded, like XChart.
 */
final class PaperXYChart extends XYChart {
    PaperXYChart(int width, int height) {
        super(width, height);
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaperLegend.paintBelow(g, getStyler(), legendEntries(), width, height, h -> super.paint(g, width, h), this::setHeight);
    }

    /** The legend's entries: every enabled series shown in the legend, in order. */
    List<PaperLegend.Entry> legendEntries() {
        List<PaperLegend.Entry> entries = new ArrayList<>();
        for (XYSeries s : getSeriesMap().values()) {
            if (!s.isShowInLegend() || !s.isEnabled()) continue;
            XYSeries.XYSeriesRenderStyle style = s.getXYSeriesRenderStyle() != null ? s.getXYSeriesRenderStyle()
                    : getStyler().getDefaultSeriesRenderStyle();
            entries.add(new PaperLegend.Entry(s, style.getLegendRenderType()));
        }
        return entries;
    }
}
