package org.hetsched.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

class GroupedBarChartTest {

    private static Map<String, List<Double>> series(double... values) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("published", List.of(values[0], values[1]));
        series.put("simulated", List.of(values[2], values[3]));
        return series;
    }

    @Test
    void oneSeriesPerEntryInOrderEachBarItsGroupsValue() {
        CategoryChart chart = GroupedBarChart.of(List.of("in-order", "ooe"), series(37, 20, 15, 13), "bubble rate (%)", "0.0",
                FigureSize.ONE_COLUMN);
        assertEquals(List.of("published", "simulated"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(List.of(15.0, 13.0), chart.getSeriesMap().get("simulated").getYData().stream().map(Number::doubleValue).toList());
        assertFalse(chart.getStyler().isYAxisLogarithmic(), "values within a decade: linear from 0");
        assertEquals(List.of(), FigureChecks.inkAtEdges(chart));
        assertEquals(List.of(), FigureChecks.repeatedStyles(chart));
    }

    @Test
    void valuesSpanningDecadesGetALogAxisFromThePowerOfTenBelowTheSmallest() {
        CategoryChart chart = GroupedBarChart.of(List.of("in-order", "ooe"), series(37, 0.7, 15, 13), "bubble rate (%)", "0.0",
                FigureSize.ONE_COLUMN);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertEquals(0.1, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(List.of(), FigureChecks.inkAtEdges(chart));
    }

    @Test
    void refusesMismatchedOrBadValues() {
        Map<String, List<Double>> tooFew = Map.of("a", List.of(1.0));
        assertThrows(IllegalArgumentException.class, () -> GroupedBarChart.of(List.of("x", "y"), tooFew, "v", "0", FigureSize.ONE_COLUMN));
        Map<String, List<Double>> negative = Map.of("a", List.of(1.0, -1.0));
        assertThrows(IllegalArgumentException.class, () -> GroupedBarChart.of(List.of("x", "y"), negative, "v", "0", FigureSize.ONE_COLUMN));
        Map<String, List<Double>> gap = Map.of("a", Arrays.asList(1.0, null));
        assertThrows(IllegalArgumentException.class, () -> GroupedBarChart.of(List.of("x", "x"), gap, "v", "0", FigureSize.ONE_COLUMN));
        assertEquals(1, GroupedBarChart.of(List.of("x", "y"), gap, "v", "0", FigureSize.ONE_COLUMN).getSeriesMap().size(),
                "a null value leaves a gap");
    }
}
