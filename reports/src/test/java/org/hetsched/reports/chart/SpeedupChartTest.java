package org.hetsched.reports.chart;

import static org.hetsched.reports.chart.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.reports.sweep.Comparison;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.sweep.SweepRow;
import org.hetsched.scheduler.PolicyOptions;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

class SpeedupChartTest {
    private static final List<SweepRow> ROWS = List.of(
            row("sd8gen3", "in-order", 256, 64, 300), row("sd8gen3", "heft", 256, 64, 200), row("sd8gen3", "fifo", 256, 64, 400),
            row("sd8gen3", "in-order", 1024, 64, 900), row("sd8gen3", "heft", 1024, 64, 600));

    @Test
    void oneGroupPerConfigurationOneSeriesPerPolicyButTheBaseline() {
        CategoryChart chart = SpeedupChart.of(ROWS, "in-order", r -> r.promptTokens() + " tokens", FigureSize.ONE_COLUMN);
        assertEquals(List.of("heft", "fifo"), List.copyOf(chart.getSeriesMap().keySet()));
        CategorySeries heft = chart.getSeriesMap().get("heft");
        assertEquals(List.of("256 tokens", "1024 tokens"), new ArrayList<>(heft.getXData()));
        assertEquals(List.of(1.5, 1.5), new ArrayList<>(heft.getYData()));
        List<Number> fifo = new ArrayList<>(chart.getSeriesMap().get("fifo").getYData());
        assertEquals(0.75, fifo.get(0).doubleValue(), 1e-12);
        assertNull(fifo.get(1), "fifo did not run at 1024 tokens: a gap, not a zero");
        assertEquals("speedup over in-order (×)", chart.getYAxisTitle());
    }

    @Test
    void aGroupWithoutTheBaselineIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeedupChart.of(ROWS, "fifo", r -> r.promptTokens() + " tokens", FigureSize.ONE_COLUMN));
        assertTrue(e.getMessage().contains("'1024 tokens' has no baseline"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpeedupChart.of(ROWS, "in-order", SweepRow::device, FigureSize.ONE_COLUMN),
                "one group holds in-order twice");
        assertThrows(IllegalArgumentException.class, () -> SpeedupChart.of(List.of(), "in-order", SweepRow::device, FigureSize.ONE_COLUMN));
    }

    @Test
    void fromAComparisonOneBarPerPolicyAfterTheFirst() {
        ComparisonResult c = Comparison.run(Fixtures.SMALL, List.of("in-order", "fifo", "heft"), PolicyOptions.DEFAULTS);
        CategoryChart chart = SpeedupChart.of(c, FigureSize.ONE_COLUMN);
        CategorySeries series = chart.getSeriesMap().values().iterator().next();
        assertEquals(List.of("fifo", "heft"), new ArrayList<>(series.getXData()));
        List<Number> speedups = new ArrayList<>(series.getYData());
        assertEquals(c.speedup(c.runs().get(1)), speedups.get(0).doubleValue(), 1e-12);
        assertEquals(c.speedup(c.runs().get(2)), speedups.get(1).doubleValue(), 1e-12);
        assertEquals("speedup over in-order (×)", chart.getYAxisTitle());
    }
}
