package org.hetsched.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.load.Workload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class GanttChartTest {
    private static Trace trace;

    @BeforeAll
    static void simulate() {
        trace = Fixtures.smallTrace();
    }

    @Test
    void oneRunHasOneLanePerProcessorTopToBottomInIdOrder() {
        XYChart chart = GanttChart.of(trace, FigureSize.ONE_COLUMN);
        assertEquals(List.of("npu", "cpu", "gpu"), GanttChart.lanes(trace));
        assertEquals(3, laneCount(chart));
        assertEquals(3, rectangles(chart.getSeriesMap().get(GanttChart.IDLE)), "one background per lane");
    }

    @Test
    void stackedRunsHaveTwiceTheLanesPrefixedByTheirLabels() {
        List<GanttChart.Run> runs = List.of(new GanttChart.Run("sim", trace), new GanttChart.Run("real", trace));
        XYChart chart = GanttChart.stacked(runs, FigureSize.TWO_COLUMN);
        assertEquals(List.of("sim: npu", "sim: cpu", "sim: gpu", "real: npu", "real: cpu", "real: gpu"), GanttChart.lanes(runs));
        assertEquals(2 * laneCount(GanttChart.of(trace, FigureSize.TWO_COLUMN)), laneCount(chart));
        assertEquals(6, rectangles(chart.getSeriesMap().get(GanttChart.IDLE)));
        assertEquals(List.of(2.5), GanttChart.layout(List.of(trace, trace), List.of("sim: ", "real: "), FigureSize.TWO_COLUMN)
                .separatorsY(), "one rule between the two blocks");
    }

    @Test
    void everyTaskIsOneBarAndTheLegendHasOneEntryPerRole() {
        XYChart chart = GanttChart.of(trace, FigureSize.ONE_COLUMN);
        Set<SubgraphRole> roles = EnumSet.noneOf(SubgraphRole.class);
        for (int t = 0; t < trace.graph().size(); t++) roles.add(trace.graph().task(t).subgraph().role());
        List<String> expectedLegend = new ArrayList<>();
        for (SubgraphRole role : roles) expectedLegend.add(GanttChart.seriesName(role));

        List<String> legend = new ArrayList<>();
        int bars = 0;
        for (XYSeries series : chart.getSeriesMap().values()) {
            if (series.isShowInLegend()) legend.add(series.getName());
            if (!series.getName().equals(GanttChart.IDLE)) bars += rectangles(series);
        }
        assertEquals(expectedLegend, legend);
        assertEquals(trace.graph().size(), bars);
        assertTrue(chart.getSeriesMap().containsKey(GanttChart.seriesName(SubgraphRole.LINEAR) + GanttChart.ODD),
                "two chunks: the second is drawn in the odd-chunk shade");
    }

    @Test
    void barsRunFromStartToEndInMillisecondsOnTheProcessorsLane() {
        XYChart chart = GanttChart.of(trace, FigureSize.ONE_COLUMN);
        int last = trace.graph().size() - 1; // the LM head: epilogue of the last (odd) chunk
        SubgraphRole role = trace.graph().task(last).subgraph().role();
        assertEquals(SubgraphRole.EPILOGUE, role);
        XYSeries series = chart.getSeriesMap().get(GanttChart.seriesName(role) + GanttChart.ODD);
        double lane = 2 - trace.processorOf(last);
        assertEquals(trace.startNs(last) / 1e6, series.getXData()[0], 1e-9);
        assertEquals(trace.endNs(last) / 1e6, series.getXData()[1], 1e-9);
        assertEquals(lane, (series.getYData()[0] + series.getYData()[2]) / 2, 1e-9);
        assertEquals("time (ms)", chart.getXAxisTitle());
    }

    @Test
    void onlyBarsWideEnoughCarryTheirChunk() {
        Workload w = Fixtures.smallWorkload();
        int n = w.costs().graph().size();
        int[] processor = new int[n];
        long[] start = new long[n];
        long[] end = new long[n];
        // task 0 takes half the run, every other task a hair of it, all on the cpu one after another
        end[0] = 100_000_000;
        for (int t = 1; t < n; t++) {
            processor[t] = 1;
            start[t] = end[t - 1];
            end[t] = start[t] + 10_000;
        }
        Trace wide = new Trace(w.costs(), "hand-made", processor, start, end);
        List<GanttChart.ChunkLabel> labels = GanttChart.layout(List.of(wide), List.of(""), FigureSize.ONE_COLUMN).chunkLabels();
        assertEquals(List.of(new GanttChart.ChunkLabel("c0", 50.0, 2.0)), labels);
    }

    @Test
    void longRunsAreDrawnInSeconds() {
        Workload w = Fixtures.smallWorkload();
        int n = w.costs().graph().size();
        long[] start = new long[n];
        long[] end = new long[n];
        end[n - 1] = 12_000_000_000L; // the last task ends at 12 s
        start[n - 1] = 2_000_000_000L;
        Trace longRun = new Trace(w.costs(), "hand-made", new int[n], start, end);
        XYChart chart = GanttChart.of(longRun, FigureSize.ONE_COLUMN);
        assertEquals("time (s)", chart.getXAxisTitle());
        assertEquals(12.0, chart.getStyler().getXAxisMax(), 1e-12);
        XYSeries epilogue = chart.getSeriesMap().get(GanttChart.seriesName(SubgraphRole.EPILOGUE) + GanttChart.ODD);
        assertEquals(2.0, epilogue.getXData()[0], 1e-12);
    }

    @Test
    void rejectsNoRunsAndDuplicateLabels() {
        assertThrows(IllegalArgumentException.class, () -> GanttChart.stacked(List.of(), FigureSize.ONE_COLUMN));
        assertThrows(IllegalArgumentException.class, () -> GanttChart.stacked(
                List.of(new GanttChart.Run("sim", trace), new GanttChart.Run("sim", trace)), FigureSize.ONE_COLUMN));
        assertThrows(IllegalArgumentException.class, () -> new GanttChart.Run(" ", trace));
    }

    @Test
    void rendersWithoutError() {
        assertFalse(Charts.bytes(GanttChart.of(trace, FigureSize.ONE_COLUMN), ChartFormat.PNG).length == 0);
    }

    private static double laneCount(XYChart chart) {
        return chart.getStyler().getYAxisMax() - chart.getStyler().getYAxisMin();
    }

    private static int rectangles(XYSeries series) {
        int breaks = 0;
        for (double y : series.getYData()) if (Double.isNaN(y)) breaks++;
        return breaks;
    }
}
