package org.hetsched.reports;

/** The one place where engine nanoseconds become the units people read. */
public final class Units {
    private Units() {
    }

    public static double nsToMs(long ns) {
        return ns / 1e6;
    }

    public static double nsToMs(double ns) {
        return ns / 1e6;
    }

    public static double nsToSeconds(long ns) {
        return ns / 1e9;
    }
}
