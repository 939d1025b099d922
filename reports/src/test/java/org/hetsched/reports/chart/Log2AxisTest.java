package org.hetsched.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Log2AxisTest {

    @Test
    void suitsThreeOrMorePowersOfTwoSpanningEightTimes() {
        assertTrue(Log2Axis.suits(List.of(64, 256, 1024)));
        assertTrue(Log2Axis.suits(List.of(32, 64, 128, 256, 512, 32)));
        assertFalse(Log2Axis.suits(List.of(64, 256)), "two values");
        assertFalse(Log2Axis.suits(List.of(64, 128, 256)), "only 4x");
        assertFalse(Log2Axis.suits(List.of(64, 300, 1024)), "300 is no power of two");
        assertFalse(Log2Axis.suits(List.of()));
    }

    @Test
    void labelsPowersOfTwoWithKForThousands() {
        assertEquals("64", Log2Axis.label(6));
        assertEquals("512", Log2Axis.label(9));
        assertEquals("1K", Log2Axis.label(10));
        assertEquals("32K", Log2Axis.label(15));
        assertEquals("", Log2Axis.label(6.5));
        assertEquals("", Log2Axis.label(-1));
        assertEquals(10.0, Log2Axis.position(1024), 1e-12);
    }
}
