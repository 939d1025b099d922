package org.hetsched.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class MedianProperties {

    /** Bit for bit what Commons Math's Median (used by calibration before) gives, for any count. */
    @Property
    void equalsCommonsMathsMedianToTheLastBit(@ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = -1e12, max = 1e12) Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        double expected = new org.apache.commons.math3.stat.descriptive.rank.Median().evaluate(array);
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(Median.of(array)), () -> values.toString());
    }

    @Property
    void atLeastHalfTheValuesAreOnEitherSide(@ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = -1e6, max = 1e6) Double> values) {
        double m = Median.of(values);
        long notAbove = values.stream().filter(v -> v <= m).count();
        long notBelow = values.stream().filter(v -> v >= m).count();
        assertEquals(true, 2 * notAbove >= values.size() && 2 * notBelow >= values.size(), () -> m + " of " + values);
    }
}
