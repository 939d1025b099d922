package org.hetsched.reports.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.CategoryStyler;

/** Layout shared by the bar charts. */
final class BarPlot {
    /** Share of a category's slot its bars fill. */
    static final double AVAILABLE_SPACE_FILL = 0.8;

    private BarPlot() {
    }

    /**
     * Names the categories under the bars (see {@link CategoryLabels}), tilted when they would not
     * fit side by side: XChart would let them overlap. The plot width is estimated before layout,
     * less room for the y axis.
     */
    static void labelCategories(CategoryChart chart, List<String> categories, FigureSize size) {
        Font font = PaperStyle.tickFont(size);
        double widest = 0;
        for (String c : categories) widest = Math.max(widest, PaperStyle.textWidth(c, font));
        double perCategory = slotWidth(categories.size(), size);
        int rotation = 0;
        if (widest > 0.9 * perCategory) {
            // tilted labels clear each other when the category pitch across them, pitch * sin(angle),
            // exceeds a line of text; steeper angles cost height, so take the shallowest that works
            double line = 1.6 * font.getSize2D();
            rotation = perCategory * Math.sin(Math.toRadians(30)) >= line ? 30
                    : perCategory * Math.sin(Math.toRadians(60)) >= line ? 60 : 90;
        }
        CategoryStyler s = chart.getStyler();
        s.setXAxisLabelRotation(rotation);
        // XChart still lays its labels out, which keeps their space, but they are not seen
        s.setXAxisTickLabelsColor(new Color(0, 0, 0, 0));
        chart.addAnnotation(new CategoryLabels(categories, font, rotation));
    }

    /** Estimated width in chart units of one category's slot: the plot width (less room for the y axis) shared out. */
    private static double slotWidth(int categories, FigureSize size) {
        return (PaperStyle.units(size.widthPt()) - PaperStyle.units(40)) / Math.max(1, categories);
    }

    /**
     * Whether a value label as wide as {@code widestLabel} fits inside a bar, with {@code series}
     * bars per category: a label wider than its bar would spill onto its neighbours.
     */
    static boolean valueLabelsFit(String widestLabel, int categories, int series, FigureSize size) {
        double bar = slotWidth(categories, size) * AVAILABLE_SPACE_FILL / Math.max(1, series);
        return PaperStyle.textWidth(widestLabel, PaperStyle.labelFont(size)) + PaperStyle.units(2) <= bar;
    }

    /** Common bar style: bars from zero, values inside the top of each bar if asked. */
    static void style(CategoryChart chart, boolean valueLabels, String decimalPattern) {
        CategoryStyler s = chart.getStyler();
        s.setYAxisMin(0.0);
        s.setPlotGridVerticalLinesVisible(false);
        s.setLabelsVisible(valueLabels);
        // inside the top of the bar, in white or black by the bar's colour: XChart cannot put a label
        // above a bar at a fixed distance, as it measures the position as a share of the bar
        s.setLabelsPosition(0.97);
        s.setLabelsFontColorAutomaticEnabled(true);
        s.setLabelsFontColorAutomaticLight(Color.WHITE);
        s.setLabelsFontColorAutomaticDark(Palette.BLACK);
        s.setYAxisDecimalPattern(decimalPattern);
        s.setDecimalPattern(decimalPattern);
    }
}
