package org.hetsched.reports.chart;

import static org.hetsched.reports.chart.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.reports.sweep.SweepRow;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

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

    @Test
    void publishedPointsSitBesideTheirLineInItsColourWithTheirPromptRangeAsABar() {
        List<PromptLengthChart.Published> published = List.of(new PromptLengthChart.Published("heft", 512, 256, 1024, 700),
                new PromptLengthChart.Published("heft", 128, 128, 128, 300));
        XYChart chart = PromptLengthChart.of(ROWS, SweepRow::policy, SweepMetric.TOKENS_PER_SECOND, published, "(Table 5)",
                FigureSize.ONE_COLUMN);
        assertEquals(List.of("in-order", "heft", "heft (Table 5) range", "heft (Table 5)"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries points = chart.getSeriesMap().get("heft (Table 5)");
        assertArrayEquals(new double[] {9, 7}, points.getXData(), 1e-12, "log2 of the prompt on the base-2 axis");
        assertArrayEquals(new double[] {700, 300}, points.getYData(), 1e-12);
        assertEquals(chart.getSeriesMap().get("heft").getLineColor(), points.getMarkerColor());
        XYSeries range = chart.getSeriesMap().get("heft (Table 5) range");
        assertFalse(range.isShowInLegend());
        assertArrayEquals(new double[] {8, 10}, range.getXData(), 1e-12, "one bar, from 256 to 1024 tokens: one length has none");
        assertArrayEquals(new double[] {700, 700}, range.getYData(), 1e-12);
        assertEquals(List.of(), FigureChecks.inkAtEdges(chart));
        assertEquals(List.of(), FigureChecks.repeatedStyles(chart));
    }

    @Test
    void aPublishedPointOfNoLineIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptLengthChart.of(ROWS, SweepRow::policy,
                SweepMetric.TOKENS_PER_SECOND, List.of(new PromptLengthChart.Published("ooe", 512, 256, 1024, 700)), "(x)",
                FigureSize.ONE_COLUMN));
        assertTrue(e.getMessage().contains("ooe"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PromptLengthChart.Published("heft", 512, 1024, 256, 700));
        assertThrows(IllegalArgumentException.class, () -> new PromptLengthChart.Published("heft", 512, 256, 1024, 0));
    }
}
