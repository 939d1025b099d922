package org.hetsched.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class PaletteTest {
    @Test
    void noTwoLineStylesOfAFigureShareColourAndMarker() {
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < Palette.LINE_STYLES; i++) {
            List<Object> style = List.of(Palette.series(i), Palette.marker(i).getClass());
            assertEquals(true, seen.add(style), "line style " + i + " repeats an earlier one");
        }
        assertEquals(64, Palette.LINE_STYLES);
    }

    @Test
    void theFirstEightLinesDifferInColourMarkerAndDashTogether() {
        for (int i = 1; i < 8; i++) {
            assertEquals(false, Palette.series(i).equals(Palette.series(0)));
            assertEquals(false, Palette.marker(i).getClass() == Palette.marker(0).getClass());
        }
        assertEquals(false, Palette.line(1).equals(Palette.line(0)));
    }

    @Test
    void barFillsAreDistinctAndNeverTheBubbleGrey() {
        Set<Color> seen = new HashSet<>();
        for (int i = 0; i < Palette.FILLS; i++) assertEquals(true, seen.add(Palette.fill(i)), "fill " + i);
        assertEquals(false, seen.contains(Palette.GREY));
        assertThrows(IllegalArgumentException.class, () -> Palette.fill(Palette.FILLS));
        assertThrows(IllegalArgumentException.class, () -> Palette.series(Palette.LINE_STYLES));
    }

    @Test
    void aChartOfNineLinesDrawsNoTwoAlike() {
        Map<String, SortedMap<Integer, Double>> lines = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            SortedMap<Integer, Double> line = new TreeMap<>();
            line.put(64, 1.0 + i);
            line.put(128, 2.0 + i);
            lines.put("line " + i, line);
        }
        XYChart chart = PaperStyle.xyChart(FigureSize.TWO_COLUMN, "x", "y");
        LinePlot.draw(chart, lines, List.copyOf(lines.keySet()));
        assertEquals(List.of(), FigureChecks.repeatedStyles(chart));
    }
}
