package org.hetsched.reports.chart;

import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/** A {@link CategoryChart} whose legend is a {@link PaperLegend} below the plot, as {@link PaperXYChart}. */
final class PaperCategoryChart extends CategoryChart {
    PaperCategoryChart(int width, int height) {
        super(width, height);
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaperLegend.paintBelow(g, getStyler(), legendEntries(), width, height, h -> super.paint(g, width, h), this::setHeight);
    }

    /** The legend's entries: every enabled series shown in the legend, in order. */
    List<PaperLegend.Entry> legendEntries() {
        List<PaperLegend.Entry> entries = new ArrayList<>();
        for (CategorySeries s : getSeriesMap().values()) {
            if (!s.isShowInLegend() || !s.isEnabled()) continue;
            CategorySeries.CategorySeriesRenderStyle style = s.getChartCategorySeriesRenderStyle() != null
                    ? s.getChartCategorySeriesRenderStyle() : getStyler().getDefaultSeriesRenderStyle();
            entries.add(new PaperLegend.Entry(s, style.getLegendRenderType()));
        }
        return entries;
    }
}
