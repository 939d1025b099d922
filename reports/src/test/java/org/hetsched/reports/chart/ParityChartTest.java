package org.hetsched.reports.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.chart.ParityChart.Point;
import org.hetsched.reports.chart.ParityChart.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ParityChartTest {
    /** Two policies whose tasks take 20 µs to 3 ms and whose makespans are some 40 ms. */
    private static List<Series> spread() {
        return List.of(
                new Series("in-order", List.of(new Point(20_000, 22_000), new Point(400_000, 380_000), new Point(3_000_000, 3_300_000)),
                        new Point(41_000_000, 45_000_000)),
                new Series("heft", List.of(new Point(25_000, 30_000), new Point(2_000_000, 1_900_000)), new Point(38_000_000, 40_000_000)));
    }

    @Test
    void eachPolicyHasItsTasksAndItsMakespanBesideTheReferenceLines() {
        XYChart chart = ParityChart.of(spread(), FigureSize.ONE_COLUMN);
        assertEquals(List.of(ParityChart.IDENTITY, ParityChart.BAND, ParityChart.BAND_LOWER, "in-order", "in-order makespan", "heft",
                "heft makespan"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries inOrder = chart.getSeriesMap().get("in-order");
        assertArrayEquals(new double[] {0.02, 0.4, 3}, inOrder.getXData(), 1e-12, "simulated on x, in ms");
        assertArrayEquals(new double[] {0.022, 0.38, 3.3}, inOrder.getYData(), 1e-12, "measured on y");
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, inOrder.getXYSeriesRenderStyle());
        XYSeries makespan = chart.getSeriesMap().get("heft makespan");
        assertArrayEquals(new double[] {38}, makespan.getXData(), 1e-12);
        assertArrayEquals(new double[] {40}, makespan.getYData(), 1e-12);
        assertEquals("simulated duration (ms)", chart.getXAxisTitle());
        assertEquals("measured duration (ms)", chart.getYAxisTitle());
        assertFalse(chart.getSeriesMap().get(ParityChart.BAND_LOWER).isShowInLegend(), "the band has one legend entry");
    }

    @Test
    void referenceLinesAreYEqualsXAndTenPercentEitherSide() {
        XYChart chart = ParityChart.of(spread(), FigureSize.ONE_COLUMN);
        for (String name : List.of(ParityChart.IDENTITY, ParityChart.BAND, ParityChart.BAND_LOWER)) {
            XYSeries line = chart.getSeriesMap().get(name);
            double slope = name.equals(ParityChart.IDENTITY) ? 1 : name.equals(ParityChart.BAND) ? 1.1 : 0.9;
            for (int i = 0; i < line.getXData().length; i++) assertEquals(slope * line.getXData()[i], line.getYData()[i], 1e-9);
            assertTrue(line.getXData()[0] <= chart.getStyler().getXAxisMin(), name + " starts at or before the axis");
            assertTrue(line.getXData()[1] >= chart.getStyler().getXAxisMax(), name + " ends at or after the axis");
        }
    }

    @Test
    void valuesSpanningADecadeGetLogAxesWithTheSameRangeOnBoth() {
        XYChart chart = ParityChart.of(spread(), FigureSize.ONE_COLUMN);
        assertTrue(ParityChart.logarithmic(spread()));
        assertTrue(chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic());
        assertEquals(chart.getStyler().getXAxisMin(), chart.getStyler().getYAxisMin());
        assertEquals(chart.getStyler().getXAxisMax(), chart.getStyler().getYAxisMax());
        assertTrue(chart.getStyler().getXAxisMin() < 0.02 && chart.getStyler().getXAxisMax() > 45, "every point inside");
    }

    @Test
    void aNarrowRangeIsLinearFromZeroAndKeepsZeroPoints() {
        List<Series> narrow = List.of(new Series("heft", List.of(new Point(0, 300), new Point(400, 500)), new Point(900, 1000)));
        XYChart chart = ParityChart.of(narrow, FigureSize.ONE_COLUMN);
        assertFalse(ParityChart.logarithmic(narrow));
        assertFalse(chart.getStyler().isXAxisLogarithmic());
        assertEquals(0.0, chart.getStyler().getXAxisMin());
        assertEquals(2, chart.getSeriesMap().get("heft").getXData().length);
        assertEquals("simulated duration (µs)", chart.getXAxisTitle(), "1000 ns is 1 µs");
    }

    @Test
    void onLogAxesAPointWithAZeroDurationIsLeftOut() {
        List<Series> withZero = List.of(new Series("heft", List.of(new Point(0, 30_000), new Point(20_000, 25_000)),
                new Point(5_000_000, 6_000_000)));
        XYChart chart = ParityChart.of(withZero, FigureSize.ONE_COLUMN);
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertArrayEquals(new double[] {0.02}, chart.getSeriesMap().get("heft").getXData(), 1e-12);
        assertFalse(Charts.bytes(chart, ChartFormat.PNG).length == 0, "draws with the zero point left out");
    }

    @Test
    void longRunsAreInSeconds() {
        List<Series> slow = List.of(new Series("heft", List.of(new Point(2e8, 2.2e8)), new Point(1.8e10, 2.1e10)));
        assertEquals("measured duration (s)", ParityChart.of(slow, FigureSize.ONE_COLUMN).getYAxisTitle());
    }

    @Test
    void rejectsNoSeriesDuplicateNamesAndBadPoints() {
        assertThrows(IllegalArgumentException.class, () -> ParityChart.of(List.of(), FigureSize.ONE_COLUMN));
        Series heft = new Series("heft", List.of(), new Point(1, 1));
        assertThrows(IllegalArgumentException.class, () -> ParityChart.of(List.of(heft, heft), FigureSize.ONE_COLUMN));
        assertThrows(IllegalArgumentException.class,
                () -> ParityChart.of(List.of(new Series(ParityChart.IDENTITY, List.of(), new Point(1, 1))), FigureSize.ONE_COLUMN));
        assertThrows(IllegalArgumentException.class, () -> new Point(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Point(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Series(" ", List.of(), new Point(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Series("heft", List.of(), null));
    }

    @Test
    void sameInputGivesIdenticalBytesInEveryFormat() {
        for (ChartFormat format : ChartFormat.values()) {
            assertArrayEquals(Charts.bytes(ParityChart.of(spread(), FigureSize.ONE_COLUMN), format),
                    Charts.bytes(ParityChart.of(spread(), FigureSize.ONE_COLUMN), format), format + " differs between two identical charts");
        }
    }

    @Test
    void writesEveryFormatThroughOutputFilesAtTheFiguresSize(@TempDir Path dir) throws IOException {
        FigureSize size = FigureSize.ONE_COLUMN.withHeightIn(3.4);
        OutputFiles files = new OutputFiles();
        for (ChartFormat format : ChartFormat.values()) {
            files.add(format.fileName("parity"), Charts.writer(ParityChart.of(spread(), size), format));
        }
        files.writeTo(dir);
        for (ChartFormat format : ChartFormat.values()) assertTrue(Files.size(dir.resolve(format.fileName("parity"))) > 1000, format.name());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("parity.png"))));
        assertEquals(size.widthPx(Charts.PRINT_DPI), png.getWidth());
        assertEquals(size.heightPx(Charts.PRINT_DPI), png.getHeight());
        assertTrue(Files.readString(dir.resolve("parity.svg")).contains("width=\"252pt\""));
    }

    @Test
    void valuesInTheirOwnUnitsGoOnLogAxesWithEachPublishedRangeAsABar() {
        List<ParityChart.ValueSeries> series = List.of(
                new ParityChart.ValueSeries("latency (ms)", List.of(new ParityChart.Value(1943, 1490, 1490, 1490),
                        new ParityChart.Value(787, 1160, 1160, 1160))),
                new ParityChart.ValueSeries("ratio", List.of(new ParityChart.Value(0.98, 0.82, 0.56, 0.82),
                        new ParityChart.Value(0.7, 0.7, 0.56, 0.82))));
        XYChart chart = ParityChart.ofValues(series, "predicted", "published", FigureSize.ONE_COLUMN.withHeightIn(3.9));
        assertEquals(List.of(ParityChart.IDENTITY, ParityChart.BAND, ParityChart.BAND_LOWER, "latency (ms)", "ratio range", "ratio"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertTrue(chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic(), "0.56 to 1943 spans decades");
        assertEquals(chart.getStyler().getXAxisMin(), chart.getStyler().getYAxisMin());
        assertEquals(chart.getStyler().getXAxisMax(), chart.getStyler().getYAxisMax());
        XYSeries ratio = chart.getSeriesMap().get("ratio");
        assertArrayEquals(new double[] {0.98, 0.7}, ratio.getXData(), 1e-12, "predicted on x");
        assertArrayEquals(new double[] {0.82, 0.7}, ratio.getYData(), 1e-12, "published on y, at the end the error is measured from");
        XYSeries range = chart.getSeriesMap().get("ratio range");
        assertFalse(range.isShowInLegend());
        assertArrayEquals(new double[] {0.98, 0.98, Double.NaN, 0.7, 0.7}, range.getXData(), 1e-12, "one vertical bar per range");
        assertArrayEquals(new double[] {0.56, 0.82, Double.NaN, 0.56, 0.82}, range.getYData(), 1e-12);
        assertEquals(List.of(), FigureChecks.inkAtEdges(chart));
        assertEquals(List.of(), FigureChecks.repeatedStyles(chart));
    }

    @Test
    void valuesRefuseAPublishedValueOutsideItsRangeAndClashingNames() {
        assertThrows(IllegalArgumentException.class, () -> new ParityChart.Value(1, 0.5, 0.56, 0.82));
        assertThrows(IllegalArgumentException.class, () -> new ParityChart.Value(-1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ParityChart.ValueSeries("empty", List.of()));
        ParityChart.ValueSeries a = new ParityChart.ValueSeries(ParityChart.IDENTITY, List.of(new ParityChart.Value(1, 1, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> ParityChart.ofValues(List.of(a), "x", "y", FigureSize.ONE_COLUMN));
    }

    @Test
    void ratiosGetLinearAxesZoomedToThemAndOneWithLinesAtOne() {
        List<ParityChart.ValueSeries> series = List.of(
                new ParityChart.ValueSeries("a over b", List.of(new ParityChart.Value(1.12, 1.08, 1.05, 1.11))),
                new ParityChart.ValueSeries("a over c", List.of(new ParityChart.Value(1.3, 1.25, 1.25, 1.25))));
        XYChart chart = ParityChart.ofRatios(series, "simulated speedup", "measured speedup", FigureSize.ONE_COLUMN.withHeightIn(3.5));
        assertFalse(chart.getStyler().isXAxisLogarithmic() || chart.getStyler().isYAxisLogarithmic());
        double lo = chart.getStyler().getXAxisMin();
        double hi = chart.getStyler().getXAxisMax();
        assertEquals(lo, chart.getStyler().getYAxisMin());
        assertEquals(hi, chart.getStyler().getYAxisMax());
        assertTrue(lo > 0.5 && lo < 1 && hi > 1.3 && hi < 1.6, "zoomed to 1 .. 1.3, not from 0: " + lo + " .. " + hi);
        XYSeries unity = chart.getSeriesMap().get(ParityChart.UNITY);
        assertArrayEquals(new double[] {1, 1}, unity.getXData(), 0, "x = 1");
        assertTrue(unity.getYData()[0] <= lo && unity.getYData()[1] >= hi, "across the plot");
        assertArrayEquals(new double[] {1.12, 1.12}, chart.getSeriesMap().get("a over b range").getXData(), 1e-12);
        assertEquals(List.of(), FigureChecks.inkAtEdges(chart));
        assertEquals(List.of(), FigureChecks.repeatedStyles(chart));
        ParityChart.ValueSeries clash = new ParityChart.ValueSeries(ParityChart.UNITY, List.of(new ParityChart.Value(1, 1, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> ParityChart.ofRatios(List.of(clash), "x", "y", FigureSize.ONE_COLUMN));
    }
}
