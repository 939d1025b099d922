package org.hetsched.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

class EnergyChartTest {

    @Test
    void oneBarPerLabelInJoules() {
        CategoryChart chart = EnergyChart.of(List.of(new EnergyChart.Bar("in-order", 1.5), new EnergyChart.Bar("heft", 1.2)),
                FigureSize.ONE_COLUMN);
        CategorySeries series = chart.getSeriesMap().values().iterator().next();
        assertEquals(List.of("in-order", "heft"), new ArrayList<>(series.getXData()));
        assertEquals(List.of(1.5, 1.2), new ArrayList<>(series.getYData()));
        assertEquals("energy (J)", chart.getYAxisTitle());
    }

    @Test
    void rejectsNoBarsNegativeEnergyAndRepeatedLabels() {
        assertThrows(IllegalArgumentException.class, () -> EnergyChart.of(List.of(), FigureSize.ONE_COLUMN));
        assertThrows(IllegalArgumentException.class, () -> new EnergyChart.Bar("a", -0.1));
        assertThrows(IllegalArgumentException.class, () -> new EnergyChart.Bar("a", Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> EnergyChart.of(
                List.of(new EnergyChart.Bar("a", 1), new EnergyChart.Bar("a", 2)), FigureSize.ONE_COLUMN));
    }
}
