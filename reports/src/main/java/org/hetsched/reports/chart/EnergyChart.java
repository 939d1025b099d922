package org.hetsched.reports.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * Energy per run as bars, one per label (a policy, a configuration).
 *
 * <p>The energy comes from the caller (a run's {@code Metrics.energyJ()}, which the busy-energy
 * engine effect accounts when every processor used has a power figure; {@code compare --out}
 * draws it then). The built-in profiles have no power figures. This chart never estimates power
 * itself.
 */
public final class EnergyChart {
    /** Y axis title. */
    public static final String Y_AXIS = "energy (J)";

    /**
     * One bar.
     *
     * @param label   what the bar is, not blank
     * @param energyJ energy in joules, finite and ≥ 0
     */
    public record Bar(String label, double energyJ) {
        public Bar {
            if (label == null || label.isBlank()) throw new IllegalArgumentException("an energy bar needs a label");
            if (!(energyJ >= 0) || Double.isInfinite(energyJ)) {
                throw new IllegalArgumentException("energy of '" + label + "' must be finite and >= 0 J, got " + energyJ);
            }
        }
    }

    private static final String DECIMALS = "0.00";

    private EnergyChart() {
    }

    /**
     * @param bars in the order to draw them; labels distinct
     * @throws IllegalArgumentException if {@code bars} is empty or two share a label
     */
    public static CategoryChart of(List<Bar> bars, FigureSize size) {
        if (bars.isEmpty()) throw new IllegalArgumentException("no energy to chart");
        List<String> labels = new ArrayList<>();
        List<Double> energy = new ArrayList<>();
        for (Bar bar : bars) {
            if (labels.contains(bar.label())) throw new IllegalArgumentException("two energy bars are labelled '" + bar.label() + "'");
            labels.add(bar.label());
            energy.add(bar.energyJ());
        }
        CategoryChart chart = PaperStyle.categoryChart(size, null, Y_AXIS);
        chart.getStyler().setXAxisTitleVisible(false);
        double max = 0;
        for (double e : energy) max = Math.max(max, e);
        String widest = new DecimalFormat(DECIMALS, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(max);
        BarPlot.style(chart, BarPlot.valueLabelsFit(widest, labels.size(), 1, size), DECIMALS);
        chart.getStyler().setLegendVisible(false);
        CategorySeries series = chart.addSeries("energy", labels, energy);
        series.setFillColor(Palette.BLUISH_GREEN);
        series.setLineColor(Palette.BLUISH_GREEN);
        BarPlot.labelCategories(chart, labels, size);
        return chart;
    }
}
