package org.hetsched.reports.chart;

import static org.hetsched.reports.chart.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.reports.sweep.SweepRow;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class PromptLengthChartTest {
    private static final List<SweepRow> ROWS = List.of(
            row("sd8gen3", "in-order", 1024, 256, 900),
            row("sd8gen3", "heft", 1024, 256, 800),
            row("sd8gen3", "in-order", 64, 256, 280),
            row("sd8gen3", "heft", 64, 256, 270),
            row("sd8gen3", "in-order", 256, 256, 300),
            row("sd8gen3", "heft", 256, 256, 290));

    @Test
    void oneLinePerSeriesKeyInOrderOfFirstAppearance() {
        XYChart chart = PromptLengthChart.of(ROWS, SweepRow::policy, SweepMetric.LATENCY_MS, FigureSize.ONE_COLUMN);
        assertEquals(List.of("in-order", "heft"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals("prompt length (tokens)", chart.getXAxisTitle());
        assertEquals("latency (ms)", chart.getYAxisTitle());
    }

    @Test
    void powersOfTwoGoOnABase2AxisSortedByPromptLength() {
        XYChart chart = PromptLengthChart.of(ROWS, SweepRow::policy, SweepMetric.LATENCY_MS, FigureSize.ONE_COLUMN);
        assertArrayEquals(new double[] {6, 8, 10}, chart.getSeriesMap().get("heft").getXData(), 1e-12);
        assertArrayEquals(new double[] {270, 290, 800}, chart.getSeriesMap().get("heft").getYData(), 1e-6);
        assertEquals("1K", chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(10.0));
    }

    @Test
    void otherPromptLengthsGoOnALinearAxis() {
        List<SweepRow> rows = List.of(row("sd8gen3", "heft", 100, 32, 10), row("sd8gen3", "heft", 300, 32, 30),
                row("sd8gen3", "heft", 1000, 32, 100));
        XYChart chart = PromptLengthChart.of(rows, SweepRow::policy, SweepMetric.TOKENS_PER_SECOND, FigureSize.ONE_COLUMN);
        assertArrayEquals(new double[] {100, 300, 1000}, chart.getSeriesMap().get("heft").getXData(), 1e-12);
        assertArrayEquals(new double[] {10_000, 10_000, 10_000}, chart.getSeriesMap().get("heft").getYData(), 1e-6);
        assertEquals("prefill speed (tokens/s)", chart.getYAxisTitle());
    }

    @Test
    void twoRowsAtOnePointOfALineAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PromptLengthChart.of(ROWS, SweepRow::device, SweepMetric.LATENCY_MS, FigureSize.ONE_COLUMN));
        assertTrue(e.getMessage().contains("'sd8gen3'") && e.getMessage().contains("1024"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PromptLengthChart.of(List.of(), SweepRow::policy, SweepMetric.LATENCY_MS, FigureSize.ONE_COLUMN));
    }
}
