package org.hetsched.reports;

import java.util.Locale;

/** The one place where engine nanoseconds become the units people read. */
public final class Units {
    public static final double NS_PER_MS = 1e6;
    public static final double NS_PER_SECOND = 1e9;

    private Units() {
    }

    public static double nsToMs(long ns) {
        return ns / NS_PER_MS;
    }

    public static double nsToMs(double ns) {
        return ns / 1e6;
    }

    public static double nsToSeconds(long ns) {
        return ns / NS_PER_SECOND;
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
