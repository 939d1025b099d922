package org.hetsched.reports.chart;

import static org.hetsched.reports.chart.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.reports.chart.ChunkSizeChart.Point;
import org.hetsched.reports.sweep.SweepRow;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ChunkSizeChartTest {

    private static Map<String, List<Point>> lines() {
        Map<String, List<Point>> lines = new LinkedHashMap<>();
        lines.put("sd8gen3", List.of(new Point(512, 0.91), new Point(32, 5.5), new Point(256, 0.89), new Point(128, 1.4)));
        lines.put("sd8gen2", List.of(new Point(32, 5.6), new Point(128, 1.45), new Point(256, 0.94), new Point(512, 1.04)));
        return lines;
    }

    @Test
    void optimumIsEachLinesMinimumForALatency() {
        Map<String, Point> optima = ChunkSizeChart.optima(lines(), SweepMetric.MS_PER_TOKEN);
        assertEquals(Map.of("sd8gen3", new Point(256, 0.89), "sd8gen2", new Point(256, 0.94)), optima);
    }

    @Test
    void optimumIsTheMaximumForASpeedAndTiesGoToTheSmallerChunk() {
        Map<String, List<Point>> lines = Map.of("a", List.of(new Point(64, 900), new Point(32, 1000), new Point(128, 1000)));
        assertEquals(new Point(32, 1000), ChunkSizeChart.optima(lines, SweepMetric.TOKENS_PER_SECOND).get("a"));
        assertEquals(new Point(64, 900), ChunkSizeChart.optima(lines, SweepMetric.LATENCY_MS).get("a"));
        Map<String, List<Point>> flat = Map.of("b", List.of(new Point(128, 2.0), new Point(64, 1.0), new Point(32, 1.0)));
        assertEquals(new Point(32, 1.0), ChunkSizeChart.optima(flat, SweepMetric.MS_PER_TOKEN).get("b"));
    }

    @Test
    void chartHasOneLinePerKeyAndRingsTheOptimaOnTheBase2Axis() {
        XYChart chart = ChunkSizeChart.of(lines(), SweepMetric.MS_PER_TOKEN, FigureSize.ONE_COLUMN);
        assertEquals(List.of("sd8gen3", "sd8gen2", ChunkSizeChart.OPTIMUM), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {5, 7, 8, 9}, chart.getSeriesMap().get("sd8gen3").getXData(), 1e-12);
        XYSeries optimum = chart.getSeriesMap().get(ChunkSizeChart.OPTIMUM);
        assertArrayEquals(new double[] {8, 8}, optimum.getXData(), 1e-12); // log2(256) for both devices
        assertArrayEquals(new double[] {0.89, 0.94}, optimum.getYData(), 1e-12);
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, optimum.getXYSeriesRenderStyle());
        assertEquals("chunk size (tokens)", chart.getXAxisTitle());
        assertEquals("per-token latency (ms/token)", chart.getYAxisTitle());
    }

    @Test
    void buildsFromSweepRowsOneLinePerKey() {
        List<SweepRow> rows = List.of(row("sd8gen3", "in-order", 1024, 64, 2800), row("sd8gen3", "in-order", 1024, 128, 1400),
                row("sd8gen3", "in-order", 1024, 256, 900), row("sd8gen2", "in-order", 1024, 128, 1500),
                row("sd8gen2", "in-order", 1024, 256, 1000));
        XYChart chart = ChunkSizeChart.of(rows, SweepRow::device, SweepMetric.MS_PER_TOKEN, FigureSize.ONE_COLUMN);
        assertArrayEquals(new double[] {2.734375, 1.3671875, 0.87890625}, chart.getSeriesMap().get("sd8gen3").getYData(), 1e-9);
        assertArrayEquals(new double[] {256, 256}, chart.getSeriesMap().get(ChunkSizeChart.OPTIMUM).getXData(), 1e-12,
                "64..256 span only 4x: a linear axis in tokens");
    }

    @Test
    void rejectsEmptyInputAndDuplicatePoints() {
        assertThrows(IllegalArgumentException.class, () -> ChunkSizeChart.of(Map.of(), SweepMetric.MS_PER_TOKEN, FigureSize.ONE_COLUMN));
        assertThrows(IllegalArgumentException.class,
                () -> ChunkSizeChart.of(Map.of("a", List.of()), SweepMetric.MS_PER_TOKEN, FigureSize.ONE_COLUMN));
        assertThrows(IllegalArgumentException.class, () -> ChunkSizeChart.of(
                Map.of("a", List.of(new Point(32, 1), new Point(32, 2))), SweepMetric.MS_PER_TOKEN, FigureSize.ONE_COLUMN));
        assertThrows(IllegalArgumentException.class, () -> new Point(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Point(32, Double.NaN));
    }
}
