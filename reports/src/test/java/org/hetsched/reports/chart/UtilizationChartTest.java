package org.hetsched.reports.chart;

import static org.hetsched.reports.chart.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.reports.sweep.Comparison;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.sweep.SweepRow;
import org.hetsched.scheduler.PolicyOptions;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

class UtilizationChartTest {

    @Test
    void oneBarPerProcessorAndOneForTheBubbleRateInPercent() {
        List<SweepRow> rows = List.of(row("sd8gen3", "in-order", 1024, 256, 900), row("sd8gen3", "heft", 1024, 256, 800));
        CategoryChart chart = UtilizationChart.of(rows, SweepRow::policy, FigureSize.ONE_COLUMN);
        assertEquals(List.of("npu", "cpu", UtilizationChart.BUBBLE_RATE), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(List.of("in-order", "heft"), new ArrayList<>(chart.getSeriesMap().get("npu").getXData()));
        assertEquals(List.of(75.0, 75.0), new ArrayList<>(chart.getSeriesMap().get("npu").getYData()));
        assertEquals(List.of(25.0, 25.0), new ArrayList<>(chart.getSeriesMap().get(UtilizationChart.BUBBLE_RATE).getYData()));
        assertEquals("share of makespan (%)", chart.getYAxisTitle());
        assertEquals(100.0, chart.getStyler().getYAxisMax());
    }

    @Test
    void rowsOfDifferentDevicesOrTheSameCategoryAreRejected() {
        SweepRow other = new SweepRow("m", "x", "p", "heft", 64, 32, 0, 1, 1, 0, 1, 0, 1, List.of("cpu"), List.of(1.0));
        assertThrows(IllegalArgumentException.class, () -> UtilizationChart.of(
                List.of(row("sd8gen3", "in-order", 1024, 256, 900), other), SweepRow::policy, FigureSize.ONE_COLUMN));
        assertThrows(IllegalArgumentException.class, () -> UtilizationChart.of(
                List.of(row("sd8gen3", "in-order", 1024, 256, 900), row("sd8gen3", "in-order", 64, 256, 900)),
                SweepRow::policy, FigureSize.ONE_COLUMN));
        assertThrows(IllegalArgumentException.class, () -> UtilizationChart.of(List.of(), SweepRow::policy, FigureSize.ONE_COLUMN));
    }

    @Test
    void fromAComparisonOneGroupPerPolicy() {
        ComparisonResult c = Comparison.run(Fixtures.SMALL, List.of("in-order", "heft"), PolicyOptions.DEFAULTS);
        CategoryChart chart = UtilizationChart.of(c, FigureSize.ONE_COLUMN);
        assertEquals(List.of("npu", "cpu", "gpu", UtilizationChart.BUBBLE_RATE), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(List.of("in-order", "heft"), new ArrayList<>(chart.getSeriesMap().get("cpu").getXData()));
        double cpu = 100 * c.runs().get(1).metrics().processors().get(1).utilization();
        assertEquals(cpu, new ArrayList<>(chart.getSeriesMap().get("cpu").getYData()).get(1).doubleValue(), 1e-9);
    }
}
