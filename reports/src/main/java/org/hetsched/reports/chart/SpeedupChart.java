package org.hetsched.reports.chart;

import java.awt.BasicStroke;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.reports.sweep.SweepRow;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * Speedup over a baseline policy: its makespan divided by each other policy's, as bars, with a
 * rule at 1 (no speedup). From sweep rows, one group of bars per configuration and one bar colour
 * per policy; from a comparison, one bar per policy.
 */
public final class SpeedupChart {
    /** Bar values and the axis: speedups differ in the second decimal. */
    private static final String DECIMALS = "0.00";

    private SpeedupChart() {
    }

    /** The widest value label: the largest value has the most integer digits. */
    private static String widestLabel(List<Double> values) {
        double max = 0;
        for (Double v : values) if (v != null) max = Math.max(max, v);
        return new DecimalFormat(DECIMALS, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(max);
    }

    /** A dashed rule at 1×: it is drawn over the bars (XChart paints annotations last), so it stays light. */
    private static void noSpeedupRule(CategoryChart chart) {
        chart.getStyler().setAnnotationLineStroke(new BasicStroke(PaperStyle.unitsF(0.6), BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {PaperStyle.unitsF(3), PaperStyle.unitsF(2)}, 0f));
        chart.getStyler().setAnnotationLineColor(Palette.BLACK);
        chart.addAnnotation(new AnnotationLine(1.0, false, false));
    }

    /** Y axis title for {@code baselinePolicy}. */
    public static String yAxisTitle(String baselinePolicy) {
        return "speedup over " + baselinePolicy + " (×)";
    }

    /**
     * The policies of a comparison against its first (the comparison's baseline); the baseline
     * itself gets no bar.
     *
     * @throws IllegalArgumentException if the comparison has fewer than two runs
     */
    public static CategoryChart of(ComparisonResult comparison, FigureSize size) {
        List<SimulationResult> runs = comparison.runs();
        if (runs.size() < 2) throw new IllegalArgumentException("a speedup needs a baseline and at least one other policy");
        List<String> policies = new ArrayList<>();
        List<Double> speedups = new ArrayList<>();
        for (SimulationResult run : runs.subList(1, runs.size())) {
            policies.add(run.metrics().policy());
            speedups.add(comparison.speedup(run));
        }
        CategoryChart chart = PaperStyle.categoryChart(size, "policy", yAxisTitle(runs.get(0).metrics().policy()));
        BarPlot.style(chart, BarPlot.valueLabelsFit(widestLabel(speedups), policies.size(), 1, size), DECIMALS);
        chart.getStyler().setLegendVisible(false);
        CategorySeries series = chart.addSeries("speedup", policies, speedups);
        series.setFillColor(Palette.BLUE);
        series.setLineColor(Palette.BLUE);
        BarPlot.labelCategories(chart, policies, size);
        noSpeedupRule(chart);
        return chart;
    }

    /**
     * Groups of bars: one group per distinct {@code group} key (in order of first appearance), one
     * series per policy other than the baseline (likewise), each bar the baseline's makespan in its
     * group over the policy's. A policy missing from a group leaves a gap.
     *
     * @param group the configuration a row belongs to, e.g. {@code r -> r.promptTokens() + " tokens"}
     * @throws IllegalArgumentException if {@code rows} is empty, has no policy besides the baseline,
     *                                  a group lacks the baseline, or a group has a policy twice
     */
    public static CategoryChart of(List<SweepRow> rows, String baselinePolicy, Function<SweepRow, String> group,
                                   FigureSize size) {
        return of(rows, baselinePolicy, group, null, size);
    }

    /**
     * Small multiples of {@link #of(List, String, Function, FigureSize)}: one panel per distinct
     * {@code panel} key (in order of first appearance), each policy in the same colour in every
     * panel, on a shared y axis and one legend (see {@link FacetGrid}).
     *
     * @throws IllegalArgumentException as {@link #of(List, String, Function, FigureSize)}, per panel
     */
    public static FacetGrid faceted(List<SweepRow> rows, String baselinePolicy, Function<SweepRow, String> panel,
                                    Function<SweepRow, String> group, FigureSize size) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no sweep rows to chart");
        List<String> policies = rows.stream().map(SweepRow::policy).filter(p -> !p.equals(baselinePolicy)).distinct().toList();
        return BarPlot.facet(rows, panel, group, size, yAxisTitle(baselinePolicy),
                (panelRows, panelSize) -> of(panelRows, baselinePolicy, group, policies, panelSize));
    }

    private static CategoryChart of(List<SweepRow> rows, String baselinePolicy, Function<SweepRow, String> group,
                                    List<String> policyOrder, FigureSize size) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no sweep rows to chart");
        Map<String, Map<String, SweepRow>> byGroup = new LinkedHashMap<>();
        List<String> policies = new ArrayList<>();
        for (SweepRow row : rows) {
            Map<String, SweepRow> inGroup = byGroup.computeIfAbsent(group.apply(row), g -> new LinkedHashMap<>());
            if (inGroup.put(row.policy(), row) != null) {
                throw new IllegalArgumentException("group '" + group.apply(row) + "' has policy '" + row.policy()
                        + "' twice; choose a group key that tells the rows apart");
            }
            if (!row.policy().equals(baselinePolicy) && !policies.contains(row.policy())) policies.add(row.policy());
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, SweepRow>> g : byGroup.entrySet()) {
            if (!g.getValue().containsKey(baselinePolicy)) problems.add("group '" + g.getKey() + "' has no baseline row");
        }
        if (policies.isEmpty()) problems.add("no policy besides the baseline");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot chart speedup over '" + baselinePolicy + "': " + String.join("; ", problems));
        }
        List<String> groups = new ArrayList<>(byGroup.keySet());
        CategoryChart chart = PaperStyle.categoryChart(size, null, yAxisTitle(baselinePolicy));
        chart.getStyler().setXAxisTitleVisible(false);
        Map<String, List<Double>> speedups = new LinkedHashMap<>();
        List<Double> all = new ArrayList<>();
        for (String policy : policies) {
            List<Double> values = new ArrayList<>();
            for (String g : groups) {
                SweepRow row = byGroup.get(g).get(policy);
                values.add(row == null ? null : (double) byGroup.get(g).get(baselinePolicy).makespanNs() / row.makespanNs());
            }
            speedups.put(policy, values);
            all.addAll(values);
        }
        BarPlot.style(chart, BarPlot.valueLabelsFit(widestLabel(all), groups.size(), policies.size(), size), DECIMALS);
        for (String policy : policies) {
            // by the policy's place among all the figure's, so that it keeps its colour across panels
            int i = policyOrder == null ? policies.indexOf(policy) : policyOrder.indexOf(policy);
            CategorySeries series = chart.addSeries(policy, groups, speedups.get(policy));
            series.setFillColor(Palette.fill(i));
            series.setLineColor(Palette.fill(i));
        }
        BarPlot.labelCategories(chart, groups, size);
        noSpeedupRule(chart);
        return chart;
    }
}
