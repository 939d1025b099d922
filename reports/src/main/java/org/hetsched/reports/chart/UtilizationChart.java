package org.hetsched.reports.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.reports.sweep.SweepRow;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * How busy each processor was under each policy: per policy (or other category) a group of bars,
 * one per processor's utilisation and a grey one for the bubble rate (idle share of the busiest
 * processor), all in percent of the makespan.
 */
public final class UtilizationChart {
    /** Name of the bubble-rate series. */
    public static final String BUBBLE_RATE = "bubble rate";
    /** Y axis title. */
    public static final String Y_AXIS = "share of makespan (%)";

    private UtilizationChart() {
    }

    /**
     * One group per policy of the comparison, in its order.
     *
     * @throws IllegalArgumentException if the comparison has no run
     */
    public static CategoryChart of(ComparisonResult comparison, FigureSize size) {
        if (comparison.runs().isEmpty()) throw new IllegalArgumentException("the comparison has no run");
        List<String> categories = new ArrayList<>();
        List<String> processors = new ArrayList<>();
        for (ProcessorUsage u : comparison.runs().get(0).metrics().processors()) processors.add(u.processor());
        List<List<Double>> utilization = new ArrayList<>();
        List<Double> bubble = new ArrayList<>();
        for (int p = 0; p < processors.size(); p++) utilization.add(new ArrayList<>());
        for (SimulationResult run : comparison.runs()) {
            Metrics m = run.metrics();
            categories.add(m.policy());
            for (int p = 0; p < processors.size(); p++) utilization.get(p).add(100 * m.processors().get(p).utilization());
            bubble.add(100 * m.bubbleRate());
        }
        return draw(categories, processors, utilization, bubble, "policy", size);
    }

    /**
     * One group per row, named by {@code category} (e.g. {@code SweepRow::policy}), in row order.
     *
     * @throws IllegalArgumentException if {@code rows} is empty, two rows share a category, or the
     *                                  rows have different processors (chart one device at a time)
     */
    public static CategoryChart of(List<SweepRow> rows, Function<SweepRow, String> category, FigureSize size) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no sweep rows to chart");
        List<String> processors = rows.get(0).processors();
        List<String> categories = new ArrayList<>();
        List<List<Double>> utilization = new ArrayList<>();
        List<Double> bubble = new ArrayList<>();
        for (int p = 0; p < processors.size(); p++) utilization.add(new ArrayList<>());
        for (SweepRow row : rows) {
            String name = category.apply(row);
            if (categories.contains(name)) throw new IllegalArgumentException("two rows are both '" + name + "'; filter the rows first");
            if (!row.processors().equals(processors)) {
                throw new IllegalArgumentException("row '" + name + "' has processors " + row.processors() + ", not "
                        + processors + "; chart one device at a time");
            }
            categories.add(name);
            for (int p = 0; p < processors.size(); p++) utilization.get(p).add(100 * row.utilization().get(p));
            bubble.add(100 * row.bubbleRate());
        }
        return draw(categories, processors, utilization, bubble, null, size);
    }

    /**
     * Small multiples of {@link #of(List, Function, FigureSize)}: one panel per distinct {@code panel}
     * key (in order of first appearance), on a shared y axis and one legend (see {@link FacetGrid}).
     *
     * @throws IllegalArgumentException as {@link #of(List, Function, FigureSize)}, per panel
     */
    public static FacetGrid faceted(List<SweepRow> rows, Function<SweepRow, String> panel, Function<SweepRow, String> category,
                                    FigureSize size) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no sweep rows to chart");
        List<String> processors = rows.get(0).processors();
        for (SweepRow row : rows) {
            if (!row.processors().equals(processors)) {
                throw new IllegalArgumentException("row '" + category.apply(row) + "' has processors " + row.processors() + ", not "
                        + processors + "; chart one device at a time");
            }
        }
        return BarPlot.facet(rows, panel, category, size, Y_AXIS, (panelRows, panelSize) -> of(panelRows, category, panelSize));
    }

    private static CategoryChart draw(List<String> categories, List<String> processors, List<List<Double>> utilization,
                                      List<Double> bubble, String xAxisTitle, FigureSize size) {
        CategoryChart chart = PaperStyle.categoryChart(size, xAxisTitle, Y_AXIS);
        BarPlot.style(chart, false, "0");
        chart.getStyler().setYAxisMax(100.0);
        if (xAxisTitle == null) chart.getStyler().setXAxisTitleVisible(false);
        for (int p = 0; p < processors.size(); p++) {
            CategorySeries series = chart.addSeries(processors.get(p), categories, utilization.get(p));
            series.setFillColor(Palette.fill(p));
            series.setLineColor(Palette.fill(p));
        }
        CategorySeries bubbles = chart.addSeries(BUBBLE_RATE, categories, bubble);
        bubbles.setFillColor(Palette.GREY);
        bubbles.setLineColor(Palette.GREY);
        BarPlot.labelCategories(chart, categories, size);
        return chart;
    }
}
