package org.hetsched.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void microsTextIsExactWithoutTrailingZeros() {
        assertEquals("0", Units.nsToMicrosText(0));
        assertEquals("0.001", Units.nsToMicrosText(1));
        assertEquals("1", Units.nsToMicrosText(1000));
        assertEquals("1.5", Units.nsToMicrosText(1500));
        assertEquals("812345.678", Units.nsToMicrosText(812_345_678));
        assertEquals("-0.005", Units.nsToMicrosText(-5));
        assertEquals("-1.25", Units.nsToMicrosText(-1250));
        assertEquals("9223372036854775.807", Units.nsToMicrosText(Long.MAX_VALUE));
    }
}
