package org.hetsched.reports.chart;

import static org.hetsched.reports.chart.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.reports.sweep.SweepRow;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class FacetGridTest {
    /** One device, three prompt lengths, three chunk sizes, two policies; per-token latency from 0.3 to 40 ms. */
    private static List<SweepRow> rows() {
        List<SweepRow> rows = new ArrayList<>();
        for (int prompt : List.of(64, 256, 1024)) {
            for (int chunk : List.of(32, 128, 512)) {
                for (String policy : List.of("in-order", "heft")) {
                    rows.add(row("sd8gen3", policy, prompt, chunk, prompt * (policy.equals("heft") ? 0.3 : 0.35) * (1 + 64.0 / chunk)));
                }
            }
        }
        return rows;
    }

    @Test
    void panelsShareTheirAxesAndEachLineKeepsItsStyle() {
        FacetGrid grid = ChunkSizeChart.faceted(rows(), r -> r.promptTokens() + " tok", SweepRow::policy, SweepMetric.MS_PER_TOKEN,
                FigureSize.TWO_COLUMN);
        assertEquals(List.of("64 tok", "256 tok", "1024 tok"), grid.panels().stream().map(FacetGrid.Panel::title).toList());
        assertEquals(3, grid.columns());
        XYChart first = (XYChart) grid.panels().get(0).chart();
        for (FacetGrid.Panel p : grid.panels()) {
            XYChart panel = (XYChart) p.chart();
            assertEquals(first.getStyler().getYAxisMin(), panel.getStyler().getYAxisMin());
            assertEquals(first.getStyler().getYAxisMax(), panel.getStyler().getYAxisMax());
            assertEquals(first.getStyler().getXAxisMin(), panel.getStyler().getXAxisMin());
            assertEquals(first.getSeriesMap().get("heft").getLineColor(), panel.getSeriesMap().get("heft").getLineColor());
            assertEquals(false, panel.getStyler().isLegendVisible(), "one legend below the grid");
        }
        assertEquals(List.of(), FigureChecks.repeatedStyles(grid));
    }

    @Test
    void aOneRowGridGrowsToItsYAxisTitle() {
        FacetGrid grid = ChunkSizeChart.faceted(rows(), r -> r.promptTokens() + " tok", SweepRow::policy, SweepMetric.MS_PER_TOKEN,
                FigureSize.TWO_COLUMN);
        assertEquals("per-token latency (ms/token)", grid.getYAxisTitle());
        assertEquals(List.of(), FigureChecks.inkAtEdges(grid), "the shared y title is not cut off");
        double titlePt = PaperStyle.textWidth(grid.getYAxisTitle(), PaperStyle.titleFont(FigureSize.TWO_COLUMN)) / PaperStyle.UNITS_PER_PT;
        assertTrue(grid.getHeight() / (double) PaperStyle.UNITS_PER_PT > titlePt, "taller than its y title");
    }

    @Test
    void rejectsNoPanelsDuplicateTitlesAndBadColumns() {
        XYChart a = PaperStyle.xyChart(FigureSize.ONE_COLUMN, "x", "y");
        XYChart b = PaperStyle.xyChart(FigureSize.ONE_COLUMN, "x", "y");
        assertThrows(IllegalArgumentException.class, () -> FacetGrid.of(List.of(), 1, 1, "x", "y", FigureSize.TWO_COLUMN));
        assertThrows(IllegalArgumentException.class, () -> FacetGrid.of(List.of(new FacetGrid.Panel("p", a), new FacetGrid.Panel("p", b)),
                2, 1, "x", "y", FigureSize.TWO_COLUMN));
        assertThrows(IllegalArgumentException.class, () -> FacetGrid.of(List.of(new FacetGrid.Panel("p", a)), 2, 1, "x", "y",
                FigureSize.TWO_COLUMN));
        assertThrows(IllegalArgumentException.class, () -> new FacetGrid.Panel(" ", a));
    }
}
