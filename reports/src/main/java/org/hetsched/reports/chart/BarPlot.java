package org.hetsched.reports.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hetsched.reports.sweep.SweepRow;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.CategoryStyler;

/** Layout shared by the bar charts. */
final class BarPlot {
    /** Share of a category's slot its bars fill. */
    static final double AVAILABLE_SPACE_FILL = 0.8;

    private BarPlot() {
    }

    /** Height of a faceted bar panel in inches, besides its category labels: a title, the plot and the ticks. */
    private static final double PANEL_PLOT_HEIGHT_IN = 1.35;

    /**
     * Small multiples of a bar chart: one panel per distinct {@code panelKey} (in order of first
     * appearance), each drawn by {@code drawer} from its rows at the panel's size, and tall enough
     * for its category labels ({@code categoryKey}) at the angle they need.
     */
    static FacetGrid facet(List<SweepRow> rows, Function<SweepRow, String> panelKey, Function<SweepRow, String> categoryKey,
                           FigureSize size, String yAxisTitle, BiFunction<List<SweepRow>, FigureSize, CategoryChart> drawer) {
        Map<String, List<SweepRow>> byPanel = new LinkedHashMap<>();
        for (SweepRow r : rows) byPanel.computeIfAbsent(panelKey.apply(r), k -> new ArrayList<>()).add(r);
        int columns = LinePlot.columns(byPanel.size(), size);
        FigureSize narrow = new FigureSize(size.widthIn() / columns, PANEL_PLOT_HEIGHT_IN, size.fontPt());
        double labelsIn = 0;
        for (List<SweepRow> panelRows : byPanel.values()) {
            labelsIn = Math.max(labelsIn, labelHeightPt(panelRows.stream().map(categoryKey).distinct().toList(), narrow)
                    / FigureSize.POINTS_PER_INCH);
        }
        FigureSize panelSize = narrow.withHeightIn(PANEL_PLOT_HEIGHT_IN + labelsIn);
        List<FacetGrid.Panel> panels = new ArrayList<>();
        byPanel.forEach((panel, panelRows) -> panels.add(new FacetGrid.Panel(panel, drawer.apply(panelRows, panelSize))));
        return FacetGrid.of(panels, columns, panelSize.heightIn(), null, yAxisTitle, size);
    }

    /** Height in points that the category labels take under the plot, at the angle {@link #labelCategories} picks. */
    static double labelHeightPt(List<String> categories, FigureSize size) {
        Font font = PaperStyle.tickFont(size);
        double widest = 0;
        for (String c : categories) widest = Math.max(widest, PaperStyle.textWidth(c, font));
        int rotation = rotation(widest, categories.size(), font, size);
        double line = 1.2 * font.getSize2D();
        double theta = Math.toRadians(rotation);
        return (widest * Math.sin(theta) + line * Math.cos(theta)) / PaperStyle.UNITS_PER_PT;
    }

    /** The shallowest angle at which labels as wide as {@code widest} clear each other (0 when they fit flat). */
    private static int rotation(double widest, int categories, Font font, FigureSize size) {
        double perCategory = slotWidth(categories, size);
        if (widest <= 0.9 * perCategory) return 0;
        // tilted labels clear each other when the category pitch across them, pitch * sin(angle),
        // exceeds a line of text; steeper angles cost height, so take the shallowest that works
        double line = 1.6 * font.getSize2D();
        return perCategory * Math.sin(Math.toRadians(30)) >= line ? 30
                : perCategory * Math.sin(Math.toRadians(60)) >= line ? 60 : 90;
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
        int rotation = rotation(widest, categories.size(), font, size);
        CategoryStyler s = chart.getStyler();
        s.setXAxisLabelRotation(rotation);
        // XChart still lays its labels out, which keeps their space, but they are not seen
        s.setXAxisTickLabelsColor(new Color(0, 0, 0, 0));
        chart.addAnnotation(new CategoryLabels(categories, font, rotation));
        if (!categories.isEmpty()) {
            // a tilted label ends at its category's centre and reaches left by its advance * cos(angle):
            // the y axis (a minimum width, which XChart takes from the chart's edge) keeps the first one
            // inside the chart, half a slot less, as the first centre is half a slot into the plot
            double theta = Math.toRadians(rotation);
            double first = PaperStyle.textWidth(categories.get(0), font);
            double reach = rotation == 0 ? first / 2 : first * Math.cos(theta) + font.getSize2D() * Math.sin(theta) / 2;
            double hint = s.getChartPadding() + reach - slotWidth(categories.size(), size) / 2 + PaperStyle.units(2);
            if (hint > 0) s.setYAxisLeftWidthHint((int) Math.ceil(hint));
        }
    }

    /**
     * Whether {@code categories} category labels in each of {@code panels} panels of a figure of
     * {@code size} stay apart at least upright (labels tilt up to 90 degrees; past that they overlap).
     */
    static boolean labelsFit(int categories, int panels, FigureSize size) {
        FigureSize panel = panels > 1 ? new FigureSize(size.widthIn() / LinePlot.columns(panels, size), PANEL_PLOT_HEIGHT_IN,
                size.fontPt()) : size;
        // as rotation(): upright labels clear each other when the category pitch exceeds a line of text
        return slotWidth(categories, panel) >= 1.6 * PaperStyle.tickFont(panel).getSize2D();
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
