package org.hetsched.reports;

/** The one place where engine nanoseconds become the units people read. */
public final class Units {
    public static final double NS_PER_MS = 1e6;
    public static final double NS_PER_SECOND = 1e9;

    private Units() {
    }

    public static double nsToMs(long ns) {
        return ns / NS_PER_MS;
    }

    public static double nsToSeconds(long ns) {
        return ns / NS_PER_SECOND;
    }
}
