package org.hetsched.core;

import java.util.Locale;

/**
 * The one place where times and rates change unit. The engine counts {@code long}
 * nanoseconds; files and people use µs, ms and s, and rates per second. Conversions
 * happen only at the edges (profile load and write, reports, the command line), through these
 * methods, so that every such edge agrees on the factor and on the arithmetic: {@code value / factor}
 * or {@code value * factor} in {@code double}, never rounded early (a long widens to double first).
 */
public final class Units {
    public static final double NS_PER_US = 1e3;
    public static final double NS_PER_MS = 1e6;
    public static final double NS_PER_SECOND = 1e9;

    private Units() {
    }

    public static double nsToUs(double ns) {
        return ns / NS_PER_US;
    }

    public static double nsToMs(double ns) {
        return ns / NS_PER_MS;
    }

    public static double nsToSeconds(double ns) {
        return ns / NS_PER_SECOND;
    }

    public static double usToNs(double us) {
        return us * NS_PER_US;
    }

    public static double msToNs(double ms) {
        return ms * NS_PER_MS;
    }

    public static double secondsToNs(double seconds) {
        return seconds * NS_PER_SECOND;
    }

    /** A rate per second (MAC/s, bytes/s) as the same rate per nanosecond. */
    public static double perSecondToPerNs(double perSecond) {
        return perSecond / NS_PER_SECOND;
    }

    /** The rate per second of one unit of work every {@code nsPerUnit} ns (the inverse of a fitted slope). */
    public static double perSecondFromNsPerUnit(double nsPerUnit) {
        return NS_PER_SECOND / nsPerUnit;
    }

    /**
     * Nanoseconds as an exact decimal number of microseconds, with at most three fractional
     * digits and no exponent ({@code 1500 → "1.5"}, {@code 812345678 → "812345.678"},
     * {@code -5 → "-0.005"}). Exact where {@code ns / 1e3} as a double would round, so slices
     * that touch in ns still touch in the µs that Chrome trace-event files use.
     */
    public static String nsToMicrosText(long ns) {
        long whole = ns / 1000;
        long fraction = Math.abs(ns % 1000);
        String sign = ns < 0 && whole == 0 ? "-" : "";
        if (fraction == 0) return sign + whole;
        String digits = String.format(Locale.ROOT, "%03d", fraction);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') end--;
        return sign + whole + "." + digits.substring(0, end);
    }
}
