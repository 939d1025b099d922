package org.hetsched.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void ofNoValuesIsNaN() {
        assertEquals(Double.NaN, Median.of());
        assertEquals(Double.NaN, Median.of(new long[0]));
        assertEquals(Double.NaN, Median.of(List.<Long>of()));
    }

    @Test
    void ofOneValueIsThatValue() {
        assertEquals(7.5, Median.of(7.5));
        assertEquals(3.0, Median.of(3L));
    }

    @Test
    void ofTwoValuesIsHalfwayBetweenThem() {
        assertEquals(2.5, Median.of(3.0, 2.0));
        assertEquals(-1.0, Median.of(List.of(-4, 2)));
    }

    @Test
    void oddCountTakesTheMiddleOfTheSortedValues() {
        assertEquals(5.0, Median.of(9.0, 1.0, 5.0));
        assertEquals(2.0, Median.of(2L, 2L, 100L, 1L, 3L));
    }

    @Test
    void evenCountAveragesTheTwoMiddleOnes() {
        assertEquals(3.5, Median.of(1.0, 100.0, 3.0, 4.0));
    }

    @Test
    void theInputIsNotReordered() {
        double[] values = {3, 1, 2};
        Median.of(values);
        assertArrayEquals(new double[] {3, 1, 2}, values);
    }

    @Test
    void aNaNValueIsRefusedWithItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Median.of(1.0, Double.NaN));
        assertEquals("the median of values with NaN at index 1 is undefined", e.getMessage());
    }
}
