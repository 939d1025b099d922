package org.hetsched.reports.chart;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.LineMetrics;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.knowm.xchart.internal.Utils;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * The category names under a bar chart, all on one baseline. XChart aligns each tick label by
 * its own glyph bounds, so "mllm-pipeline" would sit higher than "fifo"; it still lays out its
 * labels (keeping their space) but draws them transparent, and this annotation draws them.
 * Tilted labels end at their category's centre.
 */
final class CategoryLabels extends Annotation {
    private final List<String> categories;
    private final Font font;
    private final int rotationDeg;

    CategoryLabels(List<String> categories, Font font, int rotationDeg) {
        super(false);
        this.categories = List.copyOf(categories);
        this.font = font;
        this.rotationDeg = rotationDeg;
    }

    @Override
    public void paint(Graphics2D g) {
        AxesChartStyler s = (AxesChartStyler) styler;
        double left = getXAxisScreenValueForMin();
        double width = getXAxisScreenValueForMax() - left;
        // the bar layout of XChart's PlotContent_Category_Bar: equal slots in the plot's content width
        double contentWidth = s.getPlotContentSize() * width;
        double slot = contentWidth / categories.size();
        double firstCentre = left + Utils.getTickStartOffset(width, contentWidth) + slot / 2;
        double top = getYAxisScreenValueForMax() + s.getAxisTickMarkLength() + s.getAxisTickPadding();
        LineMetrics metrics = font.getLineMetrics("Hg", g.getFontRenderContext());
        double theta = Math.toRadians(rotationDeg);
        g.setColor(Palette.BLACK);
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        for (int i = 0; i < categories.size(); i++) {
            TextLayout text = new TextLayout(categories.get(i), font, g.getFontRenderContext());
            double centre = firstCentre + i * slot;
            AffineTransform at;
            if (rotationDeg == 0) {
                at = AffineTransform.getTranslateInstance(centre - text.getAdvance() / 2, top + metrics.getAscent());
            } else {
                // the baseline ends just below the tick, so the label's upper right corner meets it
                at = AffineTransform.getTranslateInstance(centre, top + metrics.getAscent() * Math.cos(theta));
                at.rotate(-theta);
                at.translate(-text.getAdvance(), 0);
            }
            g.fill(text.getOutline(at));
            Rectangle2D box = text.getOutline(at).getBounds2D();
            minX = Math.min(minX, box.getMinX());
            maxX = Math.max(maxX, box.getMaxX());
        }
        bounds = new Rectangle2D.Double(minX, top, maxX - minX, metrics.getHeight());
    }
}
