package org.hetsched.core;

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

    @Test
    void conversionsUseOneFactorEachWayAndAgreeWithTheirInverse() {
        assertEquals(1.5, Units.nsToMs(1_500_000L));
        assertEquals(1.5, Units.nsToMs(1_500_000.0));
        assertEquals(2.5, Units.nsToUs(2_500));
        assertEquals(0.25, Units.nsToSeconds(250_000_000L));
        assertEquals(900_000.0, Units.msToNs(0.9));
        assertEquals(1_500.0, Units.usToNs(1.5));
        assertEquals(2e9, Units.secondsToNs(2));
        assertEquals(4.0, Units.perSecondToPerNs(4e9));
        assertEquals(4e9, Units.perSecondFromNsPerUnit(0.25));
    }
}
