package org.hetsched.reports.chart;

import static org.hetsched.reports.chart.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.hetsched.reports.sweep.SweepRow;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ValueScaleTest {
    @Test
    void latenciesSpanningDecadesGoOnALogAxisInSeconds() {
        List<SweepRow> rows = List.of(row("sd8gen3", "npu", 64, 256, 280), row("sd8gen3", "npu", 2048, 256, 2_900),
                row("sd8gen3", "cpu", 64, 256, 3_100), row("sd8gen3", "cpu", 2048, 256, 150_000));
        XYChart chart = PromptLengthChart.of(rows, SweepRow::policy, SweepMetric.LATENCY_MS, FigureSize.TWO_COLUMN);
        assertEquals("latency (s)", chart.getYAxisTitle());
        assertTrue(chart.getStyler().isYAxisLogarithmic(), "0.28 s to 150 s: the fast line is not flattened to zero");
        assertEquals(150.0, chart.getSeriesMap().get("cpu").getYData()[1], 1e-9);
    }

    @Test
    void latenciesWithinADecadeStayLinearFromZeroInMilliseconds() {
        List<SweepRow> rows = List.of(row("sd8gen3", "a", 64, 256, 280), row("sd8gen3", "a", 1024, 256, 2_000));
        XYChart chart = PromptLengthChart.of(rows, SweepRow::policy, SweepMetric.LATENCY_MS, FigureSize.TWO_COLUMN);
        assertEquals("latency (ms)", chart.getYAxisTitle());
        assertFalse(chart.getStyler().isYAxisLogarithmic());
        assertEquals(0.0, chart.getStyler().getYAxisMin());
        // 14x, but only one power of ten (1,000) in range: a log axis would label a single tick
        List<SweepRow> oneDecade = List.of(row("sd8gen3", "a", 64, 256, 200), row("sd8gen3", "a", 1024, 256, 2_800));
        assertFalse(PromptLengthChart.of(oneDecade, SweepRow::policy, SweepMetric.LATENCY_MS, FigureSize.TWO_COLUMN)
                .getStyler().isYAxisLogarithmic());
    }

    @Test
    void valueTicksNeverUseExponents() {
        List<SweepRow> rows = List.of(row("sd8gen3", "a", 64, 256, 280), row("sd8gen3", "a", 1024, 256, 2_000));
        XYChart chart = PromptLengthChart.of(rows, SweepRow::policy, SweepMetric.LATENCY_MS, FigureSize.TWO_COLUMN);
        DecimalFormat ticks = new DecimalFormat(chart.getStyler().getYAxisDecimalPattern(), DecimalFormatSymbols.getInstance(Locale.ROOT));
        assertEquals("150,000", ticks.format(150_000));
        assertEquals("0.25", ticks.format(0.25));
    }
}
