package org.hetsched.reports.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
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
        List<PaperLegend.Entry> entries = new ArrayList<>();
        for (CategorySeries s : getSeriesMap().values()) {
            if (!s.isShowInLegend() || !s.isEnabled()) continue;
            CategorySeries.CategorySeriesRenderStyle style = s.getChartCategorySeriesRenderStyle() != null
                    ? s.getChartCategorySeriesRenderStyle() : getStyler().getDefaultSeriesRenderStyle();
            entries.add(new PaperLegend.Entry(s, style.getLegendRenderType()));
        }
        PaperLegend.Layout legend = PaperLegend.layout(entries, getStyler(), width);
        // one background under both parts: two abutting fills leave an antialiased seam
        g.setColor(getStyler().getChartBackgroundColor());
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        boolean visible = getStyler().isLegendVisible();
        getStyler().setLegendVisible(false);
        try {
            super.paint(g, width, height - legend.height());
        } finally {
            getStyler().setLegendVisible(visible);
            setHeight(height);
        }
        if (legend.height() > 0) {
            PaperLegend.paint(g, legend, getStyler(), height - legend.height());
        }
    }
}
