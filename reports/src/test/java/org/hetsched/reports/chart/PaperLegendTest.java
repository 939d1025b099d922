package org.hetsched.reports.chart;

import static org.hetsched.reports.chart.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.reports.sweep.SweepRow;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.RenderableSeries.LegendRenderType;

class PaperLegendTest {

    private static List<PaperLegend.Entry> entries(XYChart chart) {
        List<PaperLegend.Entry> entries = new ArrayList<>();
        for (XYSeries s : chart.getSeriesMap().values()) entries.add(new PaperLegend.Entry(s, LegendRenderType.Line));
        return entries;
    }

    private static XYChart chartWith(List<String> policies, FigureSize size) {
        List<SweepRow> rows = new ArrayList<>();
        for (String p : policies) {
            for (int prompt : List.of(64, 256, 1024)) rows.add(row("sd8gen3", p, prompt, 32, prompt));
        }
        return PromptLengthChart.of(rows, SweepRow::policy, SweepMetric.LATENCY_MS, size);
    }

    @Test
    void entriesThatFitStayOnOneCentredRow() {
        XYChart chart = chartWith(List.of("in-order", "heft"), FigureSize.ONE_COLUMN);
        PaperLegend.Layout layout = PaperLegend.layout(entries(chart), chart.getStyler(), chart.getWidth());
        assertEquals(1, layout.rows().size());
        double[] x = layout.x().get(0);
        assertTrue(x[0] > 0 && x[0] < chart.getWidth() / 2.0, "starts left of the middle, not at the edge");
    }

    @Test
    void tooManyEntriesWrapIntoRowsWithinTheChart() {
        List<String> policies = List.of("in-order", "fifo", "ooe", "mllm-pipeline", "critical-path", "dmda", "heft", "cpop");
        XYChart chart = chartWith(policies, FigureSize.ONE_COLUMN);
        PaperLegend.Layout layout = PaperLegend.layout(entries(chart), chart.getStyler(), chart.getWidth());
        assertTrue(layout.rows().size() >= 2, "8 policies do not fit in 3.5 in");
        assertEquals(policies.size(), layout.rows().stream().mapToInt(List::size).sum());
        for (double[] row : layout.x()) assertTrue(row[0] >= chart.getStyler().getChartPadding());
        PaperLegend.Layout oneRow = PaperLegend.layout(entries(chart).subList(0, 2), chart.getStyler(), chart.getWidth());
        assertTrue(layout.height() > oneRow.height(), "the strip grows with its rows");
    }

    @Test
    void aHiddenLegendTakesNoSpace() {
        XYChart chart = chartWith(List.of("in-order", "heft"), FigureSize.ONE_COLUMN);
        chart.getStyler().setLegendVisible(false);
        assertEquals(0, PaperLegend.layout(entries(chart), chart.getStyler(), chart.getWidth()).height());
    }
}
